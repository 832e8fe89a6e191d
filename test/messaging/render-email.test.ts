import { describe, expect, it } from 'vitest';
import {
  renderDigestEmail,
  renderListingMatchEmail,
  renderStillInterestedEmail,
  type EmailFrame,
  type ListingEmailView,
} from '../../core/messaging/render-email.ts';

const frame: EmailFrame = {
  leadFirstName: 'Ana',
  teamName: 'Lone Star Realty',
  postalAddress: '100 Congress Ave, Austin, TX 78701',
  unsubscribeUrl: 'https://porchlight.example/unsubscribe/tok123',
};

const listing = (n: number, extra: Partial<ListingEmailView> = {}): ListingEmailView => ({
  listingKey: `L${n}`,
  url: `https://porchlight.example/l/L${n}`,
  address: `${100 + n} Elm St`,
  city: 'Austin',
  photoUrl: `https://photos.example/L${n}.jpg`,
  price: 500_000 + n * 10_000,
  beds: 3,
  baths: 2,
  livingArea: 1850,
  whyMatched: [`In 78704`, `Under your $600,000 budget`],
  ...extra,
});

describe('listing emails', () => {
  it('shows price, beds/baths, photo, why it matched, a link and the unsubscribe link', () => {
    const email = renderListingMatchEmail(frame, listing(1, { previousPrice: 535_000 }));
    expect(email.subject).toBe('New match: 3 bd · 2 ba · 1,850 sq ft, $510,000 in Austin');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('$510,000 (was $535,000)');
      expect(part).toContain('3 bd · 2 ba · 1,850 sq ft');
      expect(part).toContain('101 Elm St, Austin');
      expect(part).toContain('Under your $600,000 budget');
      expect(part).toContain('https://porchlight.example/l/L1');
      expect(part).toContain('https://porchlight.example/unsubscribe/tok123');
      expect(part).toContain('100 Congress Ave, Austin, TX 78701');
    }
    expect(email.html).toContain('<img src="https://photos.example/L1.jpg"');
    expect(email.html).toContain('<li>In 78704</li>');
  });

  it('renders a digest of five matches in the given order', () => {
    const email = renderDigestEmail(
      frame,
      'daily',
      [1, 2, 3, 4, 5].map((n) => listing(n)),
    );
    expect(email.subject).toBe('5 new homes matching your search today');
    const prices = ['$510,000', '$520,000', '$530,000', '$540,000', '$550,000'];
    const positions = prices.map((p) => email.html.indexOf(p));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(email.html.match(/View this home/g)).toHaveLength(5);
    expect(email.text.match(/^View: https:\/\/porchlight\.example\/l\/L\d$/gm)).toHaveLength(5);
    expect(renderDigestEmail(frame, 'weekly', [listing(1)]).subject).toBe('1 new home matching your search this week');
  });

  it('escapes feed and lead text so it cannot inject HTML', () => {
    const email = renderListingMatchEmail(
      { ...frame, leadFirstName: '<b>Ana</b>' },
      listing(1, { address: '1 <script>alert(1)</script> Rd', whyMatched: ['Has a "pool" & spa'] }),
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('1 &lt;script&gt;alert(1)&lt;/script&gt; Rd');
    expect(email.html).toContain('Has a &quot;pool&quot; &amp; spa');
    expect(email.html).toContain('Hi &lt;b&gt;Ana&lt;/b&gt;,');
  });

  it('asks "still interested?" with a keep link and the unsubscribe link', () => {
    const email = renderStillInterestedEmail(frame, 'https://porchlight.example/keep/tok123');
    expect(email.subject).toBe('Still interested in new listings?');
    expect(email.html).toContain('href="https://porchlight.example/keep/tok123"');
    expect(email.text).toContain('Yes, keep sending: https://porchlight.example/keep/tok123');
    expect(email.text).toContain('Unsubscribe: https://porchlight.example/unsubscribe/tok123');
  });
});
