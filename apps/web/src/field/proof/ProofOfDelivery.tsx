import { Anchor, Group, Image, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authFetch } from '../../api/client';

interface Proof {
  signatureSha256?: string;
  photoSha256?: string;
}

function useProofImage(sha256: string | undefined) {
  return useQuery({
    queryKey: ['delivery-proof', sha256],
    enabled: Boolean(sha256),
    staleTime: Infinity,
    queryFn: async () => {
      const response = await authFetch(new Request(`/api/v1/delivery-proofs/${sha256}`));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return URL.createObjectURL(await response.blob());
    },
  });
}

/** Who received a delivery, their signature and the photo, where the reader may see them. */
export function ProofOfDelivery({ receivedBy, proof }: { receivedBy?: unknown; proof?: unknown }) {
  const { t } = useTranslation();
  const { signatureSha256, photoSha256 } = (proof ?? {}) as Proof;
  const signature = useProofImage(signatureSha256);
  const photo = useProofImage(photoSha256);
  if (!receivedBy && !signatureSha256) return null;
  return (
    <Group gap="xs" align="center" data-testid="proof-of-delivery">
      {receivedBy ? (
        <Text size="sm">{t('cylinder.receivedBy', { name: String(receivedBy) })}</Text>
      ) : null}
      {signature.data ? (
        <Image
          src={signature.data}
          alt={t('field.signature')}
          h={48}
          w="auto"
          fit="contain"
          bg="white"
          data-testid="proof-signature"
        />
      ) : null}
      {photo.data ? (
        <Anchor href={photo.data} target="_blank" size="sm" data-testid="proof-photo">
          <Image src={photo.data} alt={t('field.photo')} h={48} w="auto" fit="contain" />
        </Anchor>
      ) : null}
    </Group>
  );
}
