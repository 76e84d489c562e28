/** Drag-and-drop of a camera onto a wall tile (also from the console map's camera card in another window). */
export const CAMERA_DRAG_TYPE = 'application/x-rtcc-camera';

export function cameraFromDrop(dt: DataTransfer): string | null {
  const id = dt.getData(CAMERA_DRAG_TYPE).trim();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null;
}

export function startCameraDrag(dt: DataTransfer, id: string, name: string): void {
  dt.setData(CAMERA_DRAG_TYPE, id);
  dt.setData('text/plain', name);
  dt.effectAllowed = 'copy';
}
