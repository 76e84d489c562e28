/** 204: done, nothing to say. */
export const noContent = (): Response => new Response(null, { status: 204 });

/** A JSON answer whose status depends on the outcome (200 updated / 201 created). */
export const jsonStatus = (body: unknown, status: number): Response => Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
