/**
 * `compute`, remembering its answers for at most `size` keys (then started afresh). For pure
 * functions of values that come back in response after response: the dates, URLs and ids of
 * the meetings a list shows. `compute` may throw; nothing is remembered then.
 */
export function remembered<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= size) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
