import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commaList,
  contactName,
  parseW3,
  parseXml,
  render,
  renderErrors,
  requestWindow,
  splitFormat,
  statesFor,
  statusNotes,
  statusOf,
  updatedAt,
  w3Datetime,
  xmlEscape,
  xmlFields,
  XmlRefused,
} from './open311';

describe('open311 formats', () => {
  test('file name → name and format', () => {
    const cases: [string, ReturnType<typeof splitFormat>][] = [
      ['services.json', { name: 'services', format: 'json' }],
      ['02-03.xml', { name: '02-03', format: 'xml' }],
      ['a.b.json', { name: 'a.b', format: 'json' }],
      ['services', null],
      ['services.csv', null],
      ['.json', null],
      ['x.JSON', null],
    ];
    for (const [file, want] of cases) assert.deepEqual(splitFormat(file), want, file);
  });

  test('escaping: markup, quotes and characters XML cannot carry', () => {
    const cases: [string, string][] = [
      ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
      [`"x" 'y'`, '&quot;x&quot; &apos;y&apos;'],
      ['</description><x>', '&lt;/description&gt;&lt;x&gt;'],
      ['bell\u0007 nul\u0000 tab\t nl\n', 'bell nul tab\t nl\n'],
      ['占道经营 🚲', '占道经营 🚲'],
      ['lone \uD800 surrogate', 'lone  surrogate'],
    ];
    for (const [input, want] of cases) assert.equal(xmlEscape(input), want, JSON.stringify(input));
  });

  test('XML: declaration, item elements of arrays, empty values, escaped text; JSON is the same data', () => {
    const value = [{ service_code: '02-03', metadata: false, keywords: '', group: 'a&b', attrs: null }];
    const xml = render('xml', 'services', value);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>\n'));
    assert.match(xml, /<metadata>false<\/metadata>/);
    assert.match(xml, /<keywords><\/keywords>/);
    assert.match(xml, /<group>a&amp;b<\/group>/);
    const back = parseXml(xml);
    assert.equal(back.name, 'services');
    assert.equal(back.children.length, 1);
    assert.deepEqual(xmlFields(back.children[0]!), { service_code: '02-03', metadata: 'false', keywords: '', group: 'a&b', attrs: '' });
    assert.deepEqual(JSON.parse(render('json', 'services', value)), value);
    const nested = parseXml(render('xml', 'service_definition', { service_code: 'x', attributes: [] }));
    assert.deepEqual(nested.children.map((c) => c.name), ['service_code', 'attributes']);
  });

  test('errors in both formats', () => {
    const errors = [{ code: 403, description: 'api_key <missing>' }];
    assert.deepEqual(JSON.parse(renderErrors('json', errors)), errors);
    const x = parseXml(renderErrors('xml', errors));
    assert.equal(x.name, 'errors');
    assert.deepEqual(xmlFields(x.children[0]!), { code: '403', description: 'api_key <missing>' });
  });
});

describe('open311 XML input', () => {
  const refused: [string, string, XmlRefused['problem']][] = [
    ['external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><d>&x;</d></r>', 'doctype'],
    ['billion laughs', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>', 'doctype'],
    ['doctype in lower case', '<!doctype r SYSTEM "http://example.com/x.dtd"><r/>', 'doctype'],
    ['entity declaration without doctype', '<r><!ENTITY x "y"></r>', 'entity'],
    ['undefined entity reference', '<r>&nbsp;</r>', 'entity'],
    ['processing instruction in the body', '<r><?php echo 1; ?></r>', 'malformed'],
    ['bare ampersand', '<r>a & b</r>', 'malformed'],
    ['unclosed', '<r><a>1</r>', 'malformed'],
    ['two roots', '<r/><r/>', 'malformed'],
    ['bad character reference', '<r>&#xZZ;</r>', 'malformed'],
    ['not XML', 'service_code=1', 'malformed'],
  ];
  for (const [name, xml, problem] of refused) {
    test(`refused: ${name}`, () => {
      assert.throws(
        () => parseXml(xml),
        (e: unknown) => e instanceof XmlRefused && e.problem === problem,
      );
    });
  }

  test('accepted: predefined entities, character references, CDATA, comments, attributes', () => {
    const x = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><request a="1 &amp; 2"><description>A &lt;b&gt; &#20013;&#x6587; <![CDATA[<raw>]]></description><lat>32.0</lat></request>');
    assert.equal(x.attributes.a, '1 & 2');
    assert.deepEqual(xmlFields(x), { description: 'A <b> 中文 <raw>', lat: '32.0' });
  });
});

describe('open311 date-times', () => {
  test('output: Beijing time with its offset', () => {
    assert.equal(w3Datetime(new Date('2026-12-08T03:05:09.750Z')), '2026-12-08T11:05:09+08:00');
    assert.equal(w3Datetime(new Date('2026-12-31T16:00:00Z')), '2027-01-01T00:00:00+08:00');
  });

  test('input: w3 with a zone; bare dates are Beijing days; zone-less times and impossible dates refused', () => {
    const cases: [string, string | null][] = [
      ['2010-01-01T00:00:00Z', '2010-01-01T00:00:00.000Z'],
      ['2026-12-08T11:00:00+08:00', '2026-12-08T03:00:00.000Z'],
      ['2026-12-08T11:00+08:00', '2026-12-08T03:00:00.000Z'],
      ['2026-12-08T11:00:00.5-05:00', '2026-12-08T16:00:00.500Z'],
      ['2026-12-08', '2026-12-07T16:00:00.000Z'],
      ['2026-12-08T11:00:00', null],
      ['2026-02-30', null],
      ['2026-12-08T24:00:00Z', null],
      ['yesterday', null],
      ['2026-12-08T11:00:00+15:00', null],
    ];
    for (const [input, want] of cases) assert.equal(parseW3(input)?.toISOString() ?? null, want, input);
  });
});

describe('open311 GET requests arguments', () => {
  const now = new Date('2026-12-08T03:00:00Z');
  const day = 86_400_000;
  test('the window: default last 90 days, from one bound, both bounds, refusals', () => {
    const iso = (r: ReturnType<typeof requestWindow>) => (r.ok ? [r.from.toISOString(), r.to.toISOString()] : r.description);
    assert.deepEqual(iso(requestWindow(now, undefined, undefined)), [new Date(now.getTime() - 90 * day).toISOString(), now.toISOString()]);
    assert.deepEqual(iso(requestWindow(now, '', '')), iso(requestWindow(now, undefined, undefined)), 'empty = not declared');
    assert.deepEqual(iso(requestWindow(now, '2026-01-01T00:00:00Z', undefined)), ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    assert.deepEqual(iso(requestWindow(now, undefined, '2026-04-01T00:00:00Z')), ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    assert.deepEqual(iso(requestWindow(now, '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')), ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'], 'exactly 90 days');
    assert.match(String(iso(requestWindow(now, '2026-01-01T00:00:00Z', '2026-04-01T00:00:01Z'))), /more than 90 days/);
    assert.match(String(iso(requestWindow(now, '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z'))), /before start_date/);
    assert.match(String(iso(requestWindow(now, '2026-01-01T00:00:00', undefined))), /start_date/);
    assert.match(String(iso(requestWindow(now, undefined, 'soon'))), /end_date/);
  });

  test('comma lists', () => {
    assert.deepEqual(commaList(undefined), []);
    assert.deepEqual(commaList(''), []);
    assert.deepEqual(commaList(' a, b,,c '), ['a', 'b', 'c']);
  });

  test('status ↔ states', () => {
    const cases: [string, 'open' | 'closed'][] = [
      ['submitted', 'open'],
      ['dispatched', 'open'],
      ['handling', 'open'],
      ['handled', 'open'],
      ['suspended', 'open'],
      ['replied', 'closed'],
      ['closed', 'closed'],
      ['rejected', 'closed'],
      ['merged', 'closed'],
    ];
    for (const [state, status] of cases) assert.equal(statusOf(state), status, state);
    assert.deepEqual(statesFor(['open']), ['submitted', 'dispatched', 'handling', 'handled', 'suspended']);
    assert.deepEqual(statesFor(['closed']), ['replied', 'closed', 'rejected', 'merged']);
    assert.equal(statesFor(['open', 'closed'])?.length, 9);
    assert.equal(statesFor(['pending']), null);
  });

  test('status_notes', () => {
    const base = { replyText: null, rejectReason: null, duplicateOfId: null };
    const cases: [Parameters<typeof statusNotes>[0], string][] = [
      [{ ...base, state: 'submitted' }, '待受理'],
      [{ ...base, state: 'handling' }, '处置中'],
      [{ ...base, state: 'replied', replyText: ' 已清理完毕 ' }, '已清理完毕'],
      [{ ...base, state: 'closed', replyText: '已清理' }, '已清理'],
      [{ ...base, state: 'closed' }, '已办结'],
      [{ ...base, state: 'rejected', rejectReason: '不属于城管职责' }, '不予受理：不属于城管职责'],
      [{ ...base, state: 'merged', duplicateOfId: 'abc' }, '已合并至 abc'],
      [{ ...base, state: 'dispatched', replyText: 'old reply before reopening' }, '已派遣'],
    ];
    for (const [r, want] of cases) assert.equal(statusNotes(r), want, r.state);
  });

  test('updated_datetime: closed ones at their answer, open ones at the last change', () => {
    const u = new Date('2026-12-05T00:00:00Z');
    const rep = new Date('2026-12-03T00:00:00Z');
    assert.equal(updatedAt({ state: 'closed', updatedAt: u, repliedAt: rep, closedAt: u }), rep);
    assert.equal(updatedAt({ state: 'replied', updatedAt: u, repliedAt: rep, closedAt: null }), rep);
    assert.equal(updatedAt({ state: 'handling', updatedAt: u, repliedAt: null, closedAt: null }), u);
    assert.equal(updatedAt({ state: 'rejected', updatedAt: u, repliedAt: null, closedAt: null }), u);
  });

  test('contact name from first_name / last_name', () => {
    const cases: [string | undefined, string | undefined, string | null][] = [
      ['三', '张', '张三'],
      ['John', 'Smith', 'John Smith'],
      ['John', undefined, 'John'],
      [' ', '', null],
      [undefined, undefined, null],
    ];
    for (const [f, l, want] of cases) assert.equal(contactName(f, l), want, `${f}/${l}`);
  });
});
