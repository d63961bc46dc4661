/**
 * Overlapping suggestions drawn with the same outline would read as one box: rejecting one of them
 * would leave its outline visible on the part the other covers. Each suggestion gets the lowest
 * layer that no overlapping (or touching) suggestion already has; layers are drawn differently.
 */
export function outlineLayers(spans: readonly { readonly start: number; readonly end: number }[]): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || spans[a]!.end - spans[b]!.end);
  const layerEnds: number[] = []; // per layer, where its last span ends
  const layers = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const { start, end } = spans[i]!;
    let layer = layerEnds.findIndex((last) => last < start);
    if (layer === -1) layer = layerEnds.length;
    layerEnds[layer] = end;
    layers[i] = layer;
  }
  return layers;
}
