/** A GIS file that cannot be read, with a message that says why (shown to the uploader). */
export class GisFileError extends Error {}
