import { http, HttpResponse } from 'msw';
import { server } from '../msw/server.ts';

export interface SlackUploadStep {
  step: string;
  args: Record<string, unknown>;
  bytes?: Buffer;
}

/** Slack's three-step upload (files.uploadV2): get an upload URL, POST the bytes there, complete into a channel. */
export function recordSlackUploads(): SlackUploadStep[] {
  const steps: SlackUploadStep[] = [];
  const form = async (request: Request) => {
    const args: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(await request.text())) args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    return args;
  };
  server.use(
    http.post('https://slack.test/api/files.getUploadURLExternal', async ({ request }) => {
      steps.push({ step: 'files.getUploadURLExternal', args: await form(request) });
      return HttpResponse.json({ ok: true, upload_url: 'https://files.slack.test/upload/v1/F777', file_id: 'F777' });
    }),
    http.post('https://files.slack.test/upload/v1/:id', async ({ request }) => {
      // The SDK may send the bytes raw or as a multipart form with one file.
      const multipart = request.headers.get('content-type')?.includes('multipart/form-data');
      const file = multipart
        ? ([...(await request.formData()).values()].find((v) => typeof v !== 'string') as File)
        : null;
      const bytes = Buffer.from(file ? await file.arrayBuffer() : await request.arrayBuffer());
      steps.push({ step: 'upload', args: {}, bytes });
      return HttpResponse.text('OK - 1234');
    }),
    http.post('https://slack.test/api/files.completeUploadExternal', async ({ request }) => {
      const args = await form(request);
      steps.push({ step: 'files.completeUploadExternal', args });
      return HttpResponse.json({ ok: true, files: [{ id: 'F777', title: 'export' }] });
    }),
  );
  return steps;
}
