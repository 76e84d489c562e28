-- RTSP cameras: an optional external restreamer (MediaMTX / go2rtc HLS URL) per camera, and video health as the
-- server last saw it (the managed restreamer or the HLS relay): the last frame, and the last failure with its reason.
ALTER TABLE "camera" ADD COLUMN "restream_url" TEXT;
ALTER TABLE "camera" ADD COLUMN "last_frame_at" TIMESTAMPTZ(3);
ALTER TABLE "camera" ADD COLUMN "video_error" TEXT;
ALTER TABLE "camera" ADD COLUMN "video_error_at" TIMESTAMPTZ(3);
