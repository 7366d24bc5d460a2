import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignValues, existingValue } from '../../server/src/core/edit/valuesEdit';

/** What the scaffold and the quick-fixes write into a chart's values file: only the bytes of the values set. */

const NODE_PORT = { path: ['service', 'nodePort'], value: '30080' };

function written(text: string, assignments = [NODE_PORT]): string {
  const result = assignValues(text, assignments);
  assert.ok(!('refused' in result), JSON.stringify(result));
  return result.text;
}

describe('writing values into a values file', () => {
  it('writes over an empty, quoted-empty or null value, keeping the comment after it', () => {
    assert.equal(written('service:\n  nodePort: "" # when NodePort\n  port: 80\n'), 'service:\n  nodePort: 30080 # when NodePort\n  port: 80\n');
    assert.equal(written('service:\n  nodePort:\n  port: 80\n'), 'service:\n  nodePort: 30080\n  port: 80\n');
    assert.equal(written('service:\n  nodePort: null\n'), 'service:\n  nodePort: 30080\n');
    assert.equal(written('service:\n  nodePort:'), 'service:\n  nodePort: 30080');
  });

  it('adds a missing key at the end of its map, with the indentation of its siblings', () => {
    assert.equal(written('service:\n    type: NodePort\n    port: 80\ningress:\n    enabled: false\n'), 'service:\n    type: NodePort\n    port: 80\n    nodePort: 30080\ningress:\n    enabled: false\n');
    assert.equal(written('replicas: 1\n'), 'replicas: 1\nservice:\n  nodePort: 30080\n');
    assert.equal(written('replicas: 1\r\nimage:\r\n  tag: ""\r\n'), 'replicas: 1\r\nimage:\r\n  tag: ""\r\nservice:\r\n  nodePort: 30080\r\n');
    assert.equal(written('service:\n'), 'service:\n  nodePort: 30080\n');
  });

  it('adds to a flow map inside its braces', () => {
    assert.equal(written('service: {type: NodePort}\n'), 'service: {type: NodePort, nodePort: 30080}\n');
    assert.equal(written('service: {}\n'), 'service: {nodePort: 30080}\n');
  });

  it('writes an empty or comment-only file from scratch', () => {
    assert.equal(written(''), 'service:\n  nodePort: 30080\n');
    assert.equal(written('# Production values.\n'), '# Production values.\nservice:\n  nodePort: 30080\n');
  });

  it('sets two values of one map in one go, and each apart when their maps differ', () => {
    const type = { path: ['service', 'type'], value: 'NodePort' };
    assert.equal(written('service:\n  port: 80\n', [NODE_PORT, type]), 'service:\n  port: 80\n  nodePort: 30080\n  type: NodePort\n');
    const result = assignValues('service:\n  type: ClusterIP\n  port: 80\n  nodePort: ""\n', [NODE_PORT, type]);
    assert.ok(!('refused' in result));
    assert.deepEqual(result.splices, [
      { start: 17, end: 26, text: 'NodePort' },
      { start: 50, end: 52, text: '30080' },
    ]);
  });

  it('refuses where the path is not a map, and says what is already set', () => {
    assert.deepEqual(assignValues('service: 80\n', [NODE_PORT]), { refused: 'service is not a map' });
    assert.deepEqual(assignValues('- a\n- b\n', [NODE_PORT]), { refused: 'its top level is not a map' });
    assert.deepEqual(existingValue('service:\n  nodePort: 30165\n', ['service', 'nodePort']), { path: 'service.nodePort', value: '30165' });
    for (const text of ['service:\n  nodePort: ""\n', 'service:\n  nodePort: 0\n', 'service: {}\n', '']) assert.equal(existingValue(text, ['service', 'nodePort']), undefined, text);
  });
});
