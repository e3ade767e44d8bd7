// Simplified → traditional for the characters most common in government titles: enough to
// ask whether a "smart" site search folds the two scripts (a probe, not a converter).
const PAIRS =
  '县縣区區务務开開关關会會发發议議报報实實规規划劃财財项項设設计計统統员員经經济濟农農业業环環应應监監测測门門乡鄉镇鎮' +
  '级級党黨书書记記长長动動态態进進为為产產学學卫衛医醫疗療养養险險补補贴貼营營车車讯訊条條网網问問题題闻聞导導领領组組织織' +
  '举舉办辦让讓对對这這么麼种種东東岭嶺边邊传傳宣宣节節费費单單审審检檢查查证證运運输輸电電话話处處众眾请請说說认認华華' +
  '国國两兩个個时時间間来來见見现現机機构構关關团團结結优優质質执執与與严嚴历歷复復训訓协協调調况況总總预預决決';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i], PAIRS[i + 1]);

export function toTraditional(s: string): string {
  return [...s].map((c) => MAP.get(c) ?? c).join('');
}
