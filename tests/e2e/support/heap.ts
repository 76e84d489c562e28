import type { CDPSession, Page } from 'playwright-core';

/** What a wall page holds after a forced GC: JS heap, DOM, live media objects (attached or not), hls.js instances. */
export interface PageMemory {
  heapUsed: number;
  domNodes: number;
  /** <video> elements reachable from the JS heap, attached or detached: a leaked player keeps its element. */
  videoObjects: number;
  mediaSources: number;
  workers: number;
  hlsLive: number;
  hlsCreated: number;
}

async function countByPrototype(cdp: CDPSession, ctor: string): Promise<number> {
  const proto = await cdp.send('Runtime.evaluate', { expression: `${ctor}.prototype` });
  const found = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId! });
  const n = await cdp.send('Runtime.callFunctionOn', { objectId: found.objects.objectId!, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
  await cdp.send('Runtime.releaseObject', { objectId: found.objects.objectId! });
  await cdp.send('Runtime.releaseObject', { objectId: proto.result.objectId! });
  return n.result.value as number;
}

/** Forced GC (twice: the first frees what finalizers release for the second), then the figures above. */
export async function measurePage(page: Page, cdp: CDPSession): Promise<PageMemory> {
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await page.evaluate(() => {
    const w = window as unknown as { __rtcc?: { hlsLive?: number; hlsCreated?: number } };
    return { domNodes: document.getElementsByTagName('*').length, hlsLive: w.__rtcc?.hlsLive ?? 0, hlsCreated: w.__rtcc?.hlsCreated ?? 0 };
  });
  return {
    heapUsed: heap.usedSize,
    ...dom,
    videoObjects: await countByPrototype(cdp, 'HTMLVideoElement'),
    mediaSources: await countByPrototype(cdp, 'MediaSource'),
    workers: await countByPrototype(cdp, 'Worker'),
  };
}
