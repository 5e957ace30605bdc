import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordRequests, renderInApp } from '../test-support';
import { FacilityForm } from './FacilityForm';

afterEach(() => vi.unstubAllGlobals());

const type = (name: string, value: string) =>
  fireEvent.change(document.querySelector(`[name="${name}"]`)!, { target: { value } });

// Mantine in jsdom takes seconds per render on a busy machine
describe('the new-facility form', { timeout: 20_000 }, () => {
  it('asks a hospital for beds and a plant for its supplier', () => {
    renderInApp(<FacilityForm />);
    expect(document.querySelector('[name="beds.icu"]')).not.toBeNull();
    expect(document.querySelector('[name=supplierId]')).toBeNull();
    type('kind', 'producer');
    expect(document.querySelector('[name="beds.icu"]')).toBeNull();
    expect(document.querySelector('[name=supplierId]')).not.toBeNull();
  });

  it('names the broken rule and sends nothing', () => {
    const sent = recordRequests();
    renderInApp(<FacilityForm />);
    type('id', 'najaf-new');
    type('name', 'Najaf New Hospital');
    type('latitude', '32');
    type('longitude', '44');
    type('opens', '08:00');
    fireEvent.submit(screen.getByTestId('new-facility-form'));
    expect(screen.getByRole('alert').textContent).toBe(
      'receivingHours: give both opening and closing times, or neither',
    );
    expect(sent).toEqual([]);
  });

  it('creates a hospital, then sets its beds', async () => {
    const sent = recordRequests();
    renderInApp(<FacilityForm />);
    type('id', 'najaf-new');
    type('name', 'Najaf New Hospital');
    type('governorate', 'Najaf');
    type('latitude', '32.01');
    type('longitude', '44.33');
    type('beds.general', '150');
    type('beds.icu', '12');
    fireEvent.submit(screen.getByTestId('new-facility-form'));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]).toEqual({
      path: '/api/v1/admin/facilities',
      method: 'POST',
      body: {
        id: 'najaf-new',
        kind: 'hospital',
        name: 'Najaf New Hospital',
        governorate: 'Najaf',
        latitude: 32.01,
        longitude: 44.33,
        receivingHours: null,
        supplierId: null,
      },
    });
    expect(sent[1]).toEqual({
      path: '/api/v1/hospitals/najaf-new/beds',
      method: 'PUT',
      body: { general: 150, icu: 12, neonatal: 0 },
    });
    // the form is empty again, ready for the next facility
    await waitFor(() =>
      expect((document.querySelector('[name=id]') as HTMLInputElement).value).toBe(''),
    );
  });

  it('names the governorates in Arabic and still sends the key', async () => {
    const sent = recordRequests();
    renderInApp(<FacilityForm />, { language: 'ar' });
    const options = [...document.querySelectorAll('select[name=governorate] option')];
    expect(options).toHaveLength(19);
    expect(options.find((option) => option.getAttribute('value') === 'Dhi Qar')?.textContent).toBe(
      'ذي قار',
    );
    expect(options.map((option) => option.textContent).join(' ')).not.toMatch(/[A-Za-z]/);
    type('kind', 'producer');
    type('id', 'nasiriyah-new');
    type('name', 'معمل أوكسجين الناصرية');
    type('governorate', 'Dhi Qar');
    type('latitude', '31.05');
    type('longitude', '46.26');
    type('supplierId', 'rafidain-oxygen');
    fireEvent.submit(screen.getByTestId('new-facility-form'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].body).toMatchObject({ id: 'nasiriyah-new', governorate: 'Dhi Qar' });
  });
});
