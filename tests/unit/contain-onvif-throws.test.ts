import { describe, expect, it } from 'vitest';
import { thrownByOnvif } from '@/lib/ptz/contain-onvif-throws';

const withStack = (stack: string) => Object.assign(new TypeError("Cannot read properties of undefined (reading 'preset')"), { stack });

describe('which uncaught exceptions the ONVIF guard contains', () => {
  it('one thrown in the library\'s own callback', () => {
    expect(thrownByOnvif(withStack("TypeError: x\n    at Cam.<anonymous> (/srv/rtcc/node_modules/onvif/lib/ptz.js:30:41)\n    at Parser.<anonymous> (/srv/rtcc/node_modules/onvif/lib/cam.js:300:5)"))).toBe(true);
  });
  it('not one thrown by our code, even when the library is further down the stack', () => {
    expect(thrownByOnvif(withStack("TypeError: x\n    at listPresets (/srv/rtcc/.next/server/chunks/ptz.js:10:3)\n    at Cam.<anonymous> (/srv/rtcc/node_modules/onvif/lib/ptz.js:30:41)"))).toBe(false);
    expect(thrownByOnvif(new Error('plain'))).toBe(false);
    expect(thrownByOnvif('not an error')).toBe(false);
  });
});
