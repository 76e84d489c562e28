// m3u8-parser 7.2.0 ships no types: the part of its parsed manifest the clip recorder reads.
declare module 'm3u8-parser' {
  interface ByteRange {
    length: number;
    offset?: number;
  }
  interface ParsedSegment {
    uri: string;
    duration?: number;
    byterange?: ByteRange;
    /** EXT-X-MAP in force for this segment (fMP4 init section). */
    map?: { uri: string; byterange?: ByteRange };
    /** The segment's own EXT-X-PROGRAM-DATE-TIME tag, as written. */
    dateTimeString?: string;
    /** EXT-X-KEY in force (method NONE or AES-128, SAMPLE-AES…). */
    key?: { method: string };
  }
  interface ParsedManifest {
    segments: ParsedSegment[];
    targetDuration?: number;
    endList?: boolean;
    /** Variants of a master playlist. */
    playlists?: { uri: string; attributes?: Record<string, unknown> }[];
  }
  export class Parser {
    manifest: ParsedManifest;
    push(chunk: string): void;
    end(): void;
  }
}
