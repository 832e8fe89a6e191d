/**
 * A CSV download as a streamed response: each chunk is read from the database only when the client
 * has taken the previous one (a pull stream), so a slow reader never makes the server buffer the
 * file. The header row and the first page are read before answering, so a database that is down
 * still gets its 503 rather than a 200 cut short.
 */
export async function csvResponse(chunks: AsyncGenerator<string>, filename: string): Promise<Response> {
  const encoder = new TextEncoder();
  const primed: string[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    primed.push(next.value);
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const ready = primed.shift();
      if (ready !== undefined) return controller.enqueue(encoder.encode(ready));
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      // Lead names, phones and emails: no proxy or browser cache keeps a copy.
      'cache-control': 'no-store',
    },
  });
}
