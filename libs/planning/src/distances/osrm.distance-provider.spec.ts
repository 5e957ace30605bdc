import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GreatCircleDistanceProvider } from './great-circle.distance-provider';
import { OsrmDistanceProvider } from './osrm.distance-provider';

const baghdad = { latitude: 33.3152, longitude: 44.3661 };
const basra = { latitude: 30.5085, longitude: 47.7804 };

describe('distance providers', () => {
  it('great circle: Baghdad–Basra is about 448 km straight, ×1.3 by road, at 50 km/h', async () => {
    const provider = new GreatCircleDistanceProvider({ circuity: 1.3, averageSpeedKmPerHour: 50 });
    const { distanceKm, durationMinutes } = await provider.matrix([baghdad, basra]);
    expect(distanceKm[0][0]).toBe(0);
    expect(distanceKm[0][1]).toBeGreaterThan(1.3 * 440);
    expect(distanceKm[0][1]).toBeLessThan(1.3 * 456);
    expect(durationMinutes[0][1]).toBeCloseTo((distanceKm[0][1] / 50) * 60, 0);
  });

  describe('OSRM table service (a local server answering as OSRM does)', () => {
    let server: Server;
    let url: string;
    let answer: { status: number; body: unknown };
    let asked: string | undefined;

    beforeAll(async () => {
      server = createServer((request, response) => {
        asked = request.url;
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('asks for distances and durations, longitude first, and converts metres and seconds', async () => {
      answer = {
        status: 200,
        body: {
          code: 'Ok',
          distances: [
            [0, 549_000],
            [551_000, 0],
          ],
          durations: [
            [0, 21_600],
            [21_660, 0],
          ],
        },
      };
      const matrix = await new OsrmDistanceProvider(url).matrix([baghdad, basra]);
      expect(asked).toBe(
        '/table/v1/driving/44.3661,33.3152;47.7804,30.5085?annotations=distance,duration',
      );
      expect(matrix).toEqual({
        distanceKm: [
          [0, 549],
          [551, 0],
        ],
        durationMinutes: [
          [0, 360],
          [361, 0],
        ],
      });
    });

    it('says so when OSRM finds no road, refuses, or fails', async () => {
      answer = {
        status: 200,
        body: {
          code: 'Ok',
          distances: [
            [0, null],
            [1, 0],
          ],
          durations: [
            [0, null],
            [1, 0],
          ],
        },
      };
      await expect(new OsrmDistanceProvider(url).matrix([baghdad, basra])).rejects.toThrow(
        'OSRM finds no road between points 0 and 1',
      );
      answer = { status: 200, body: { code: 'InvalidQuery', message: 'Query string malformed' } };
      await expect(new OsrmDistanceProvider(url).matrix([baghdad, basra])).rejects.toThrow(
        'OSRM table service refused: InvalidQuery Query string malformed',
      );
      answer = { status: 503, body: {} };
      await expect(new OsrmDistanceProvider(url).matrix([baghdad, basra])).rejects.toThrow(
        'OSRM table service answered 503',
      );
    });
  });
});
