import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ASSIGNABLE_ROLES, ROLES, ROLE_PERMISSIONS, inScope, mayDecide, permissionsOf } from './permissions';

test('scope is the actor subtree, own unit included, siblings excluded', () => {
  const actor = { scopePath: '/a/b/' };
  const cases: [string, boolean][] = [
    ['/a/b/', true],
    ['/a/b/c/', true],
    ['/a/b/c/d/', true],
    ['/a/', false],
    ['/a/bb/', false],
    ['/a/x/b/', false],
  ];
  for (const [path, expected] of cases) assert.equal(inScope(actor, path), expected, path);
});

test('auxiliaries never decide; every other role may', () => {
  for (const role of ROLES) assert.equal(mayDecide({ role }), role !== 'auxiliary', role);
});

test('auxiliaries cannot read or manage staff; officers can read only', () => {
  assert.equal(permissionsOf('auxiliary').has('identity.users.read'), false);
  assert.equal(permissionsOf('officer').has('identity.users.read'), true);
  assert.equal(permissionsOf('officer').has('identity.users.manage'), false);
  assert.equal(permissionsOf('city_admin').has('audit.verify'), true);
});

test('only the city administrator hands out city roles; nobody else hands out their own role', () => {
  for (const role of ROLES) {
    if (role === 'city_admin') continue;
    const assignable = ASSIGNABLE_ROLES[role];
    assert.ok(!assignable.includes(role), role);
    assert.ok(!assignable.includes('city_admin') && !assignable.includes('bureau_staff'), role);
  }
  assert.deepEqual(ASSIGNABLE_ROLES.team_leader, ['officer', 'auxiliary']);
  assert.equal(ROLE_PERMISSIONS.auxiliary.includes('assessment.read'), false);
});
