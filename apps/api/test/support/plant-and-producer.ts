import { NetworkService } from '@oxyledger/network';
import { type TestApp, uniqueName } from './test-app';

/** The supplier of the plant below, who owns the cylinders registered there. */
const BASRA_SUPPLIER = 'basra-oxygen';

/**
 * A producer's plant of its own (in Basra, supplier `basra-oxygen`), so a test's cylinders and
 * stock share nothing with other tests', and the access token of a producer working there.
 */
export async function plantWithProducer(
  api: TestApp,
): Promise<{ plantId: string; producer: string }> {
  const plantId = uniqueName('plant');
  await api.app.get(NetworkService).ensureFacility({
    id: plantId,
    kind: 'producer',
    name: 'Basra PSA plant',
    governorate: 'Basra',
    latitude: 30.5,
    longitude: 47.8,
    supplierId: BASRA_SUPPLIER,
  });
  const producer = (await api.login('producer', { facilityId: plantId })).accessToken;
  return { plantId, producer };
}
