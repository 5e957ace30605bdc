import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/router';

/** Shown on a plant's page while it is down or degraded: open a request with the plant linked. */
export function PlantHelpOffer({
  offer,
}: {
  offer: { category: 'plant-breakdown' | 'maintenance'; facilityId: string };
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      title={t('partners.offerTitle')}
      // Mantine's orange title on its light orange background fails WCAG AA contrast
      styles={{ title: { color: '#7c2d12' } }}
      data-testid="plant-help-offer"
    >
      <Button
        component={Link}
        to={`/help-requests/new?facilityId=${encodeURIComponent(offer.facilityId)}&category=${offer.category}`}
        size="xs"
        data-testid="open-maintenance-request"
      >
        {t(`partners.offer.${offer.category}`)}
      </Button>
    </Alert>
  );
}
