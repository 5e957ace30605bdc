import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

/** A signature drawn with a finger; `onChange(null)` when cleared or empty. */
export function SignatureField({ onChange }: { onChange: (signature: Blob | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const element = canvas.current!;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')!.scale(ratio, ratio);
    const signature = new SignaturePad(element, { backgroundColor: 'rgb(255,255,255)' });
    signature.addEventListener('endStroke', () => {
      element.toBlob((blob) => onChange(signature.isEmpty() ? null : blob), 'image/png');
    });
    pad.current = signature;
    return () => signature.off();
  }, [onChange]);

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('field.signature')}
      </Text>
      <canvas
        ref={canvas}
        data-testid="signature"
        aria-label={t('field.signature')}
        style={{
          width: '100%',
          height: 160,
          border: '1px solid var(--mantine-color-gray-5)',
          borderRadius: 6,
          touchAction: 'none',
          background: 'white',
        }}
      />
      <Group justify="flex-end">
        <Button
          size="sm"
          variant="subtle"
          onClick={() => {
            pad.current?.clear();
            onChange(null);
          }}
        >
          {t('field.clearSignature')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A phone photo scaled to at most 1280 px as JPEG: proof enough, small enough to queue. */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('photo'))), 'image/jpeg', 0.7),
  );
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
