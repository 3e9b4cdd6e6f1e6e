import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NormalisedEvent } from '../../src/model/signal.ts';
import { parseSiaDataBlock, siaVendorCodes } from '../../src/protocols/sia-dc03/index.ts';

/** A known SIA event with the table's wording for the code. */
function sia(code: string, fields: Partial<NormalisedEvent>): Partial<NormalisedEvent> {
  return { codeSystem: 'sia', code, known: true, ...fields };
}

/** Parses and checks there was no error; returns the events. */
function events(data: string): NormalisedEvent[] {
  const result = parseSiaDataBlock(data);
  assert.equal(result.error, undefined, `unexpected error for ${data}`);
  return result.events;
}

/** Asserts the listed fields of each event, and that no other address field was set. */
function expectEvents(data: string, expected: Partial<NormalisedEvent>[]): void {
  const actual = events(data);
  assert.equal(actual.length, expected.length, `event count for ${data}`);
  expected.forEach((fields, i) => {
    for (const key of ['zone', 'user', 'partition', 'text', 'panelTime'] as const) {
      assert.equal(actual[i][key], fields[key], `${data} event ${i} ${key}`);
    }
    for (const [key, value] of Object.entries(fields)) {
      assert.equal(actual[i][key as keyof NormalisedEvent], value, `${data} event ${i} ${key}`);
    }
  });
}

describe('SIA DC-03 data block: real panel examples', () => {
  it('Nri1/CL501 is a closing by user 501 in area 1', () => {
    assert.deepEqual(events('Nri1/CL501'), [
      {
        codeSystem: 'sia',
        code: 'CL',
        description: 'Closing report: armed by a user',
        kind: 'close',
        category: 'open-close',
        known: true,
        partition: '1',
        user: '501',
      },
    ]);
  });

  it('Nri2/JC12 keeps the vendor code JC verbatim as unknown', () => {
    assert.deepEqual(events('Nri2/JC12'), [
      {
        codeSystem: 'sia',
        code: 'JC',
        description: 'Unknown SIA code JC',
        kind: 'unknown',
        category: 'unknown',
        known: false,
        partition: '2',
        zone: '12',
      },
    ]);
  });

  it('Nri2/JC12 is recognised when the vendor table is passed', () => {
    const [event] = parseSiaDataBlock('Nri2/JC12', { extraCodes: siaVendorCodes }).events;
    assert.equal(event.known, true);
    assert.equal(event.kind, 'restore');
    assert.equal(event.category, 'tamper');
    assert.equal(event.partition, '2');
    assert.equal(event.zone, '12');
  });

  it('PA, NP and BA examples', () => {
    expectEvents('Nri1/PA501', [sia('PA', { kind: 'alarm', category: 'panic', partition: '1',
      zone: '501' })]);
    expectEvents('Nri1/NP501', [{ code: 'NP', known: false, kind: 'unknown', partition: '1',
      zone: '501', description: 'Unknown SIA code NP' }]);
    expectEvents('Nri1/BA01', [sia('BA', { kind: 'alarm', category: 'burglary', partition: '1',
      zone: '01' })]);
  });

  it('Nri1CL0^VX FRONTE       ^ (no slash, padded text) keeps user 0 and trims the padding', () => {
    expectEvents('Nri1CL0^VX FRONTE       ^', [
      sia('CL', { kind: 'close', partition: '1', user: '0', text: 'VX FRONTE' }),
    ]);
  });

  it('Nri0KR1^TAST.  001      ^ keeps the inner spaces of the text', () => {
    expectEvents('Nri0KR1^TAST.  001      ^', [
      sia('KR', { kind: 'restore', category: 'environmental', partition: '0', zone: '1',
        text: 'TAST.  001' }),
    ]);
  });

  it('Nri04/OP001NM is an opening by user 001 followed by NM with no address', () => {
    expectEvents('Nri04/OP001NM', [
      sia('OP', { kind: 'open', partition: '04', user: '001' }),
      sia('NM', { kind: 'close', partition: '04' }),
    ]);
  });

  it('NCQ1 (G90B-PLUS GSM panel) is a remote closing by user 1 with no partition', () => {
    expectEvents('NCQ1', [sia('CQ', { kind: 'close', category: 'open-close', user: '1' })]);
  });

  it('Nri1/WA000 and Nri0/RP0000 keep their address digits as sent', () => {
    expectEvents('Nri1/WA000', [sia('WA', { kind: 'alarm', category: 'environmental',
      partition: '1', zone: '000' })]);
    expectEvents('Nri0/RP0000', [sia('RP', { kind: 'test', category: 'test', partition: '0',
      zone: '0000' })]);
  });

  it('N alone and the empty string are NULL blocks with no events', () => {
    assert.deepEqual(parseSiaDataBlock('N'), { events: [], old: false });
    assert.deepEqual(parseSiaDataBlock(''), { events: [], old: false });
  });
});

describe('SIA DC-03 data block: several events and modifiers', () => {
  it('Nri1/BA01/BA02 gives two burglary alarms in area 1', () => {
    expectEvents('Nri1/BA01/BA02', [
      sia('BA', { partition: '1', zone: '01' }),
      sia('BA', { partition: '1', zone: '02' }),
    ]);
  });

  it('Nri1/BA01/ri2/BA03 applies the area change to the codes after it', () => {
    expectEvents('Nri1/BA01/ri2/BA03', [
      sia('BA', { partition: '1', zone: '01' }),
      sia('BA', { partition: '2', zone: '03' }),
    ]);
  });

  it('id gives the user of zone events, ti the panel time; both carry forward', () => {
    expectEvents('Nri3/id007/ti14:05/BB12/BU12', [
      sia('BB', { kind: 'bypass', partition: '3', zone: '12', user: '007', panelTime: '14:05' }),
      sia('BU', { kind: 'unbypass', partition: '3', zone: '12', user: '007',
        panelTime: '14:05' }),
    ]);
  });

  it('the address of a user-type code wins over an id modifier', () => {
    expectEvents('Nid9/OP004', [sia('OP', { user: '004' })]);
  });

  it('tolerates other modifiers such as pi, ai and da', () => {
    expectEvents('Nri1/pi003/ai12/da01-02-24/FA05', [
      sia('FA', { kind: 'alarm', category: 'fire', partition: '1', zone: '05' }),
    ]);
  });

  it('puts an area-type address in the partition when no ri was sent', () => {
    expectEvents('NCG2', [sia('CG', { kind: 'close', partition: '2' })]);
    expectEvents('Nri1/CG2', [sia('CG', { kind: 'close', partition: '1', zone: '2' })]);
  });

  it('puts door and device addresses in zone', () => {
    expectEvents('Nri1/DF03/ET2', [
      sia('DF', { category: 'access', partition: '1', zone: '03' }),
      sia('ET', { kind: 'trouble', partition: '1', zone: '2' }),
    ]);
  });

  it('marks an O block as old events', () => {
    const result = parseSiaDataBlock('Ori1/BA01');
    assert.equal(result.old, true);
    assert.equal(result.events.length, 1);
    assert.equal(parseSiaDataBlock('Nri1/BA01').old, false);
  });

  it('attaches each text to the event before it', () => {
    expectEvents('Nri1/BA01^HALL^/BA02^DOOR  ^', [
      sia('BA', { partition: '1', zone: '01', text: 'HALL' }),
      sia('BA', { partition: '1', zone: '02', text: 'DOOR' }),
    ]);
  });

  it('keeps leading spaces: only the trailing padding is removed', () => {
    expectEvents('Nri1/BA01^  LOBBY   ^', [sia('BA', { partition: '1', zone: '01',
      text: '  LOBBY' })]);
  });

  it('drops a text that is only padding', () => {
    expectEvents('Nri1/BA01^    ^', [sia('BA', { partition: '1', zone: '01' })]);
  });
});

describe('SIA DC-03 data block: unknown codes and errors', () => {
  it('keeps an unknown code verbatim with its digits in zone', () => {
    assert.deepEqual(events('Nri5/XY123'), [
      {
        codeSystem: 'sia',
        code: 'XY',
        description: 'Unknown SIA code XY',
        kind: 'unknown',
        category: 'unknown',
        known: false,
        partition: '5',
        zone: '123',
      },
    ]);
  });

  it('rejects a block without the N/O function letter', () => {
    const result = parseSiaDataBlock('ri1/BA01');
    assert.deepEqual(result.events, []);
    assert.equal(result.error, 'SIA DC-03: data block must start with N or O, found "r"');
  });

  it('keeps the events before a fault and reports it', () => {
    const result = parseSiaDataBlock('Nri1/BA01/B');
    assert.equal(result.events.length, 1);
    assert.equal(result.events[0].code, 'BA');
    assert.equal(result.error, 'SIA DC-03: incomplete event code at offset 10');
  });

  it('reports unexpected characters, unclosed text and text with no event', () => {
    assert.equal(parseSiaDataBlock('Nri1/BA01|').error, 'SIA DC-03: unexpected "|" at offset 9');
    assert.equal(parseSiaDataBlock('Nri1/BA01^OPEN').error,
      'SIA DC-03: text opened at offset 9 is never closed');
    assert.equal(parseSiaDataBlock('N^HELLO^').error, 'SIA DC-03: text ^...^ with no event');
  });

  it('reports modifiers whose value cannot be used', () => {
    assert.equal(parseSiaDataBlock('Nri/BA01').error,
      'SIA DC-03: modifier ri needs digits, got ""');
    assert.equal(parseSiaDataBlock('Nti1205/BA01').error,
      'SIA DC-03: modifier ti needs hh:mm, got "1205"');
  });
});
