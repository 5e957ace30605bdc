import { BarcodeDetector, setZXingModuleOverrides } from 'barcode-detector/ponyfill';
import readerWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The decoder's WebAssembly ships with the app (and is precached): by default the library would
// fetch it from a CDN, which a phone in a basement, or our servers, cannot reach.
setZXingModuleOverrides({
  locateFile: (path: string, prefix: string) =>
    path.endsWith('.wasm') ? new URL(readerWasm, location.href).href : prefix + path,
});

/** Cylinder labels: Code 128 and QR mostly; the others cost nothing to accept. */
const FORMATS = ['code_128', 'qr_code', 'data_matrix', 'code_39', 'ean_13'] as const;

type Source = ImageBitmapSource;
interface Detector {
  detect(source: Source): Promise<{ rawValue: string }[]>;
}

let detector: Promise<Detector> | undefined;

/** The browser's own BarcodeDetector where it has one (Chrome on Android), else ZXing's. */
function getDetector(): Promise<Detector> {
  detector ??= (async () => {
    const native = (globalThis as { BarcodeDetector?: typeof BarcodeDetector }).BarcodeDetector;
    if (native && native !== BarcodeDetector) {
      const supported: readonly string[] = await native.getSupportedFormats().catch(() => []);
      if (FORMATS.some((format) => supported.includes(format))) {
        return new native({ formats: FORMATS.filter((f) => supported.includes(f)) });
      }
    }
    return new BarcodeDetector({ formats: [...FORMATS] });
  })();
  return detector;
}

/**
 * The one decoding path: the camera passes video frames, "scan from a picture" an image, the
 * tests a generated barcode. Returns the texts found (usually one serial).
 */
export async function decodeBarcodes(source: Source): Promise<string[]> {
  const found = await (await getDetector()).detect(source);
  return [...new Set(found.map((code) => code.rawValue.trim()).filter(Boolean))];
}
