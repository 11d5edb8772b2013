import type { ProblemCollector } from './problems.js';
import type { Member, ObjectShape, Shape } from './types.js';

/** Every dotted wire path of a response (`SecurityGroups.SecurityGroup.SecurityGroupId`), arrays looked through. */
export function responsePaths(output: ObjectShape): Set<string> {
  const paths = new Set<string>();
  const collect = (members: readonly Member[], prefix: string): void => {
    for (const m of members) {
      const dotted = prefix === '' ? m.wireName : `${prefix}.${m.wireName}`;
      paths.add(dotted);
      let shape: Shape = m.shape;
      while (shape.kind === 'array') shape = shape.items;
      if (shape.kind === 'object') collect(shape.members, dotted);
    }
  };
  collect(output.members, '');
  return paths;
}

/** Reports each overlay response entry that names no path of the operation's response. */
export function checkResponsePaths(
  name: string,
  output: ObjectShape,
  english: Readonly<Record<string, string>>,
  overlayProblems: ProblemCollector,
): void {
  const paths = responsePaths(output);
  for (const key of Object.keys(english)) {
    if (!paths.has(key)) {
      overlayProblems.add(
        ['operations', name, 'response', key],
        `a dotted path of ${name}'s response (${[...paths].slice(0, 8).join(', ')})`,
        key,
      );
    }
  }
}
