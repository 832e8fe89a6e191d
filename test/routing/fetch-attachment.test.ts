import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { fetchAttachment, MAX_ATTACHMENT_BYTES } from '../../bots/commands/fetch-attachment.ts';
import { server } from '../msw/server.ts';

const hosts = ['cdn.discordapp.com'];

describe('fetchAttachment', () => {
  it('reads only from the platform file hosts, and stops at the size limit', async () => {
    server.use(
      http.get('https://cdn.discordapp.com/small.json', () => HttpResponse.text('[]')),
      http.get('https://cdn.discordapp.com/big.json', () => HttpResponse.text('x'.repeat(MAX_ATTACHMENT_BYTES + 1))),
      http.get('https://cdn.discordapp.com/gone.json', () => new HttpResponse(null, { status: 404 })),
    );
    const read = (url: string) => fetchAttachment({ fetch }, url, { hosts });
    expect(Buffer.from(await read('https://cdn.discordapp.com/small.json')).toString()).toBe('[]');
    await expect(read('http://169.254.169.254/latest/meta-data')).rejects.toMatchObject({
      code: 'validation_failed',
      message: 'Files are read only from cdn.discordapp.com.',
    });
    await expect(read('not a url')).rejects.toMatchObject({ message: expect.stringContaining('no file came') });
    await expect(read('https://cdn.discordapp.com/big.json')).rejects.toMatchObject({
      message: expect.stringContaining('over 256 KB'),
    });
    await expect(read('https://cdn.discordapp.com/gone.json')).rejects.toMatchObject({
      message: expect.stringContaining('HTTP 404'),
    });
  });
});
