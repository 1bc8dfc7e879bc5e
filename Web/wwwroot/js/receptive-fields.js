// Receptive fields as raster: one canvas, one pixel block per input, instead of thousands of DOM nodes.
const PRUNED = [150, 150, 150];

// Diverging map centred on 0: blue negative, white 0, red positive; v in [-1, 1].
function diverging(v) {
    const t = Math.max(-1, Math.min(1, v));
    const fade = Math.round(255 * (1 - Math.abs(t)));
    return t >= 0 ? [255, fade, fade] : [fade, fade, 255];
}

function bit(bits, i) {
    return (bits[i >> 3] & (1 << (i & 7))) !== 0;
}

function bytes(b64OrArray) {
    if (b64OrArray instanceof Uint8Array) return b64OrArray;
    if (typeof b64OrArray === 'string') return Uint8Array.from(atob(b64OrArray), c => c.charCodeAt(0));
    return Uint8Array.from(b64OrArray ?? []);
}

const GAP = 2;

// p: { order, height, width, columns, cell, cellHeight, scales, weights (int8 as bytes), mask (bits), shared, largest }.
// Colours run from -max (blue) through 0 (white) to +max (red), max the largest surviving |w| of each unit, or of
// all units when p.shared (p.largest when given: one scale over several runs' grids); pruned inputs are grey.
// owner (a DotNetObjectReference, optional) hears Hover(unit or -1) when the unit under the pointer changes and Select(unit) on a click.
export function drawGrid(canvas, p, owner) {
    // Blazor hands a byte[] over as a Uint8Array that may be a view into a larger buffer: reinterpret exactly its own
    // bytes. Taking its whole .buffer shifted every weight off its pixel, so survivors showed pruned weights' zeros
    // as white specks on grey (issue 11, defect 2).
    const raw = bytes(p.weights);
    const weights = new Int8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const mask = bytes(p.mask);
    const inputs = p.height * p.width;
    const columns = Math.max(1, p.columns);
    const rows = Math.ceil(p.order.length / columns);
    const cellW = p.cell, cellH = p.cellHeight ?? p.cell;
    const tileW = p.width * cellW + GAP, tileH = p.height * cellH + GAP;
    canvas.width = columns * tileW;
    canvas.height = Math.max(1, rows * tileH);
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const image = ctx.createImageData(canvas.width, canvas.height);
    // A weight is its int8 times its unit's scale; a scale counts only surviving weights, so a pruned weight's
    // leftover value never pales the survivors.
    const value = index => weights[index] * p.scales[Math.floor(index / inputs)];
    const largest = unit => {
        let max = 0;
        for (let i = 0; i < inputs; i++) {
            const index = unit * inputs + i;
            if (bit(mask, index)) max = Math.max(max, Math.abs(value(index)));
        }
        return max;
    };
    const shared = !p.shared ? 0 : p.largest ?? Math.max(0, ...p.order.map(largest));
    p.order.forEach((unit, slot) => {
        const x0 = (slot % columns) * tileW, y0 = Math.floor(slot / columns) * tileH;
        const max = p.shared ? shared : largest(unit);
        for (let i = 0; i < inputs; i++) {
            const index = unit * inputs + i;
            const colour = bit(mask, index) ? diverging(max === 0 ? 0 : value(index) / max) : PRUNED;
            fill(image, x0 + (i % p.width) * cellW, y0 + Math.floor(i / p.width) * cellH, cellW, cellH, colour);
        }
    });
    ctx.putImageData(image, 0, 0);
    canvas.rfGrid = { order: p.order, columns, tileW, tileH };
    if (owner) {
        listen(canvas, owner);
    }
}

// The canvas may be drawn smaller than its pixels (max-width: 100% on a phone), so pointer offsets are scaled back first.
function unitAt(canvas, e) {
    const grid = canvas.rfGrid;
    if (!grid || canvas.clientWidth === 0 || canvas.clientHeight === 0) return -1;
    const x = e.offsetX * canvas.width / canvas.clientWidth;
    const y = e.offsetY * canvas.height / canvas.clientHeight;
    const column = Math.floor(x / grid.tileW);
    const slot = Math.floor(y / grid.tileH) * grid.columns + column;
    return column >= 0 && column < grid.columns && slot >= 0 && slot < grid.order.length ? grid.order[slot] : -1;
}

// Each draw brings the owner anew (JS sees a fresh wrapper each call), so the previous listeners go first.
function listen(canvas, owner) {
    canvas.rfDetach?.();
    let hovered = -1;
    const hover = unit => {
        if (unit !== hovered) {
            hovered = unit;
            owner.invokeMethodAsync('Hover', unit);
        }
    };
    const move = e => hover(unitAt(canvas, e));
    const leave = () => hover(-1);
    const click = e => {
        const unit = unitAt(canvas, e);
        if (unit >= 0) owner.invokeMethodAsync('Select', unit);
    };
    canvas.addEventListener('mousemove', move);
    canvas.addEventListener('mouseleave', leave);
    canvas.addEventListener('click', click);
    canvas.rfDetach = () => {
        canvas.removeEventListener('mousemove', move);
        canvas.removeEventListener('mouseleave', leave);
        canvas.removeEventListener('click', click);
    };
}

// p: { values (null where pruned), height, width, cell, marks (indices drawn with a black outline) }; scaled to its max.
export function drawMap(canvas, p) {
    canvas.width = p.width * p.cell;
    canvas.height = p.height * p.cell;
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(canvas.width, canvas.height);
    let max = 0;
    for (const v of p.values) if (v !== null) max = Math.max(max, Math.abs(v));
    p.values.forEach((v, i) => {
        const colour = v === null ? PRUNED : diverging(max === 0 ? 0 : v / max);
        fill(image, (i % p.width) * p.cell, Math.floor(i / p.width) * p.cell, p.cell, p.cell, colour);
    });
    ctx.putImageData(image, 0, 0);
    ctx.strokeStyle = 'black';
    ctx.lineWidth = Math.max(1, p.cell / 6);
    for (const i of p.marks ?? []) {
        ctx.strokeRect((i % p.width) * p.cell + 1, Math.floor(i / p.width) * p.cell + 1, p.cell - 2, p.cell - 2);
    }
}

function fill(image, x0, y0, width, height, [r, g, b]) {
    for (let y = y0; y < y0 + height; y++) {
        for (let x = x0; x < x0 + width; x++) {
            const o = (y * image.width + x) * 4;
            image.data[o] = r; image.data[o + 1] = g; image.data[o + 2] = b; image.data[o + 3] = 255;
        }
    }
}
