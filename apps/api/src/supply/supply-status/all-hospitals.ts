import type { NetworkService } from '../../network/network.service';
import type { Facility } from '../../network/network.types';

/** Every active hospital (optionally of one governorate), all pages. */
export async function allHospitals(
  network: NetworkService,
  governorate?: string,
): Promise<Facility[]> {
  const hospitals: Facility[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await network.listFacilities({
      kind: 'hospital',
      active: true,
      governorate,
      page,
      pageSize: 200,
    });
    hospitals.push(...items);
    if (hospitals.length >= total || items.length === 0) return hospitals;
  }
}
