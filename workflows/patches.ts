// While a run replays history recorded before a patch, patched() answers
// false; once the replay has caught up it answers true for the same id. A run
// must take one path, so the first answer holds for the rest of it.
import { patched } from '@temporalio/workflow';

export class Patches {
  private readonly decided = new Map<string, boolean>();

  /** Whether this run takes the patched path of `id`; asked at the first point where the paths part. */
  has(id: string): boolean {
    let answer = this.decided.get(id);
    if (answer === undefined) {
      answer = patched(id);
      this.decided.set(id, answer);
    }
    return answer;
  }
}
