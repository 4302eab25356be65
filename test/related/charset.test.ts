// Decoding fetched pages: BOM, header charset, <meta> in the first 1,024 bytes, and the encodings the issue names.
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, metaCharset, PRESCAN_BYTES } from '../../src/related/charset.js';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
const ascii = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** Titles encoded by Python's codecs, so the test does not trust the decoder it checks. */
const CASES = [
  { label: 'Shift_JIS', text: '東京の天気予報と日本語の記事', bytes: '938c8b9e82cc93568b43975c95f182c693fa967b8cea82cc8b4c8e96' },
  { label: 'windows-1251', text: 'Новости дня: погода в Москве', bytes: 'cdeee2eef1f2e820e4edff3a20efeee3eee4e020e220cceef1eae2e5' },
  { label: 'GBK', text: '北京新闻：今天的天气', bytes: 'b1b1bea9d0c2cec5a3babdf1ccecb5c4ccecc6f8' },
  { label: 'ISO-8859-1', text: 'Café à la crème, naïveté', bytes: '436166e920e0206c61206372e86d652c206e61ef766574e9' },
];

function page(title: Uint8Array, head = '') {
  return concat(ascii(`<!doctype html><html><head>${head}<title>`), title, ascii('</title></head><body></body></html>'));
}

describe('charset of a fetched page', () => {
  for (const { label, text, bytes } of CASES) {
    it(`${label} from the header`, () => {
      const out = decodeHtml(page(hex(bytes)), `text/html; charset=${label}`);
      expect(out).toMatchObject({ ok: true, source: 'header' });
      expect(out.ok && out.text).toContain(`<title>${text}</title>`);
    });
    it(`${label} from <meta charset>`, () => {
      const out = decodeHtml(page(hex(bytes), `<meta charset="${label.toLowerCase()}">`), 'text/html');
      expect(out).toMatchObject({ ok: true, source: 'meta' });
      expect(out.ok && out.text).toContain(text);
    });
    it(`${label} from <meta http-equiv>`, () => {
      const out = decodeHtml(page(hex(bytes), `<meta http-equiv="Content-Type" content="text/html; charset=${label}">`), null);
      expect(out.ok && out.text).toContain(text);
    });
  }

  it('a BOM wins over the header and the meta', () => {
    const body = concat(hex('efbbbf'), page(ascii('Caf\u00e9'.normalize()), '<meta charset="windows-1251">'));
    const utf8 = concat(hex('efbbbf'), ascii('<html><head><meta charset="windows-1251"><title>'), new TextEncoder().encode('Café'), ascii('</title>'));
    expect(decodeHtml(utf8, 'text/html; charset=windows-1251')).toMatchObject({ ok: true, source: 'bom', charset: 'utf-8' });
    expect(decodeHtml(body, null).ok).toBe(true);
    const le = concat(hex('fffe'), Uint8Array.from([...'<p>Hé</p>'].flatMap((c) => [c.charCodeAt(0), 0])));
    expect(decodeHtml(le, 'text/html; charset=iso-8859-1')).toMatchObject({ ok: true, charset: 'utf-16le', text: '<p>Hé</p>' });
  });

  it('a meta past the first 1,024 bytes is not read; the bytes, not UTF-8, then say windows-1252', () => {
    const late = page(hex(CASES[1]!.bytes), `<!-- ${'x'.repeat(1100)} --><meta charset="windows-1251">`);
    expect(decodeHtml(late, 'text/html')).toMatchObject({ ok: true, source: 'sniffed', charset: 'windows-1252' });
    const lateUtf8 = concat(ascii(`<!-- ${'x'.repeat(1100)} --><meta charset="windows-1251"><title>`), new TextEncoder().encode('Café'), ascii('</title>'));
    expect(decodeHtml(lateUtf8, 'text/html')).toMatchObject({ ok: true, source: 'default', charset: 'utf-8' });
    expect(metaCharset(ascii(`<!-- <meta charset="gbk"> --><meta charset="koi8-r">`))).toBe('koi8-r');
  });

  it('a meta that says UTF-16 without a BOM means UTF-8', () => {
    const out = decodeHtml(concat(ascii('<meta charset="utf-16"><title>'), new TextEncoder().encode('Ünïcode'), ascii('</title>')), '');
    expect(out).toMatchObject({ ok: true, charset: 'utf-8' });
    expect(out.ok && out.text).toContain('Ünïcode');
  });

  it('an unknown charset in the header is refused, named', () => {
    expect(decodeHtml(page(ascii('x')), 'text/html; charset=klingon-8')).toEqual({ ok: false, charset: 'klingon-8', source: 'header' });
  });

  // Issue 19, item 12: the label cut by the prescan's end was read as `"ut` and the page refused.
  it('a <meta charset> cut by the 1,024-byte boundary, or unknown, is passed over: the scan goes on, then the default', () => {
    const title = new TextEncoder().encode('Café crème');
    const cutAt = (filler: number) => concat(ascii(`<!doctype html><html><head><!-- ${'x'.repeat(filler)} --><meta charset="utf-8"><title>`), title, ascii('</title>'));
    // Find the filler that leaves `<meta charset="ut` as the prescan's last bytes.
    const filler = PRESCAN_BYTES - '<!doctype html><html><head><!-- '.length - ' --><meta charset="ut'.length;
    const cut = cutAt(filler);
    expect(String.fromCharCode(...cut.subarray(PRESCAN_BYTES - 3, PRESCAN_BYTES))).toBe('"ut');
    expect(decodeHtml(cut, 'text/html')).toMatchObject({ ok: true, source: 'default', charset: 'utf-8' });
    expect(decodeHtml(cut, 'text/html').ok && (decodeHtml(cut, 'text/html') as { text: string }).text).toContain('Café crème');
    expect(metaCharset(ascii('<meta charset="x-nope"><meta charset="koi8-r">'))).toBe('koi8-r');
    expect(decodeHtml(page(ascii('x'), '<meta charset="x-nope">'), 'text/html')).toMatchObject({ ok: true, source: 'default', charset: 'utf-8' });
  });

  it('a page that declares nothing and is not UTF-8 is read as windows-1252, and says so', () => {
    const latin1 = page(hex('436166e9206372e86d65')); // "Café crème" in Latin-1
    const out = decodeHtml(latin1, 'text/html');
    expect(out).toMatchObject({ ok: true, source: 'sniffed', charset: 'windows-1252' });
    expect(out.ok && out.text).toContain('<title>Café crème</title>');
    // Cut in the middle of a UTF-8 character (where a read stopped), UTF-8 still.
    const utf8 = new TextEncoder().encode('<title>Café crème</title>');
    expect(decodeHtml(utf8.subarray(0, 11), '')).toMatchObject({ ok: true, source: 'default', charset: 'utf-8' });
  });

  it('reads the header charset in its quoted and bare forms', () => {
    expect(charsetFromContentType('text/html; Charset="Shift_JIS"')).toBe('Shift_JIS');
    expect(charsetFromContentType('text/html;charset=gbk;foo=bar')).toBe('gbk');
    expect(charsetFromContentType('text/html')).toBeNull();
  });
});
