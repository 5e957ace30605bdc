import { Button, FileButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeBarcodes } from './decode';

/**
 * One place to scan: a keyboard-wedge or Bluetooth scanner types into the focused field and
 * sends Enter; a person types; the camera reads labels; or a photo of a label is decoded.
 */
export function ScanField({ onScan, label }: { onScan: (serial: string) => void; label: string }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  const submit = (text: string) => {
    const serial = text.trim();
    if (serial) onScan(serial);
    setValue('');
    input.current?.focus();
  };

  return (
    <Stack gap={6}>
      <TextInput
        ref={input}
        size="lg"
        label={label}
        styles={{ label: { fontSize: 'var(--mantine-font-size-sm)' } }}
        rightSectionWidth={72}
        rightSection={
          <Button size="sm" onClick={() => submit(value)} data-testid="scan-add">
            {t('field.scan.add')}
          </Button>
        }
        value={value}
        data-testid="scan-input"
        autoComplete="off"
        autoCapitalize="characters"
        enterKeyHint="done"
        onChange={(event) => setValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit(value);
          }
        }}
      />
      <Group grow gap="xs">
        <Button size="md" variant="light" onClick={() => setCamera(true)} data-testid="scan-camera">
          {t('field.scan.camera')}
        </Button>
        <FileButton
          accept="image/*"
          capture="environment"
          onChange={async (file) => {
            if (!file) return;
            setProblem(undefined);
            try {
              const found = await decodeBarcodes(await createImageBitmap(file));
              if (found.length === 0) setProblem(t('field.scan.noneFound'));
              found.forEach((serial) => onScan(serial));
            } catch (error) {
              setProblem(String(error));
            }
          }}
        >
          {(props) => (
            <Button size="md" variant="light" {...props} data-testid="scan-picture">
              {t('field.scan.picture')}
            </Button>
          )}
        </FileButton>
      </Group>
      {problem ? (
        <Text c="red.8" size="sm" role="alert">
          {problem}
        </Text>
      ) : null}
      <Modal
        opened={camera}
        onClose={() => setCamera(false)}
        title={t('field.scan.camera')}
        fullScreen
      >
        {camera ? (
          <CameraScanner
            onScan={(serial) => {
              onScan(serial);
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** Reads the back camera a few times a second through the same decoder. */
function CameraScanner({ onScan }: { onScan: (serial: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<string>();

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let seen = '';
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { facingMode: 'environment' },
          audio: false,
        });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        while (!stopped) {
          if (video.current && video.current.readyState >= 2) {
            const [serial] = await decodeBarcodes(video.current);
            if (serial && serial !== seen) {
              seen = serial;
              setLast(serial);
              onScan(serial);
              navigator.vibrate?.(80);
            }
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } catch (failure) {
        setError(t('field.scan.cameraUnavailable', { reason: String(failure) }));
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onScan, t]);

  return (
    <Stack>
      <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8 }} />
      {error ? <Text c="red.8">{error}</Text> : null}
      {last ? <Text fw={700}>{last}</Text> : null}
    </Stack>
  );
}
