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

// p: { order, height, width, columns, cell, scales, weights (int8 as bytes), mask (bits) }; each unit scaled to its own max.
export function drawGrid(canvas, p) {
    const weights = new Int8Array(bytes(p.weights).buffer.slice(0));
    const mask = bytes(p.mask);
    const inputs = p.height * p.width;
    const columns = Math.max(1, p.columns);
    const rows = Math.ceil(p.order.length / columns);
    const gap = 2;
    const tileW = p.width * p.cell + gap, tileH = p.height * p.cell + gap;
    canvas.width = columns * tileW;
    canvas.height = Math.max(1, rows * tileH);
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const image = ctx.createImageData(canvas.width, canvas.height);
    p.order.forEach((unit, slot) => {
        const x0 = (slot % columns) * tileW, y0 = Math.floor(slot / columns) * tileH;
        let max = 0;
        for (let i = 0; i < inputs; i++) max = Math.max(max, Math.abs(weights[unit * inputs + i]));
        for (let i = 0; i < inputs; i++) {
            const index = unit * inputs + i;
            const colour = bit(mask, index) ? diverging(max === 0 ? 0 : weights[index] / max) : PRUNED;
            fill(image, x0 + (i % p.width) * p.cell, y0 + Math.floor(i / p.width) * p.cell, p.cell, colour);
        }
    });
    ctx.putImageData(image, 0, 0);
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
        fill(image, (i % p.width) * p.cell, Math.floor(i / p.width) * p.cell, p.cell, colour);
    });
    ctx.putImageData(image, 0, 0);
    ctx.strokeStyle = 'black';
    ctx.lineWidth = Math.max(1, p.cell / 6);
    for (const i of p.marks ?? []) {
        ctx.strokeRect((i % p.width) * p.cell + 1, Math.floor(i / p.width) * p.cell + 1, p.cell - 2, p.cell - 2);
    }
}

function fill(image, x0, y0, size, [r, g, b]) {
    for (let y = y0; y < y0 + size; y++) {
        for (let x = x0; x < x0 + size; x++) {
            const o = (y * image.width + x) * 4;
            image.data[o] = r; image.data[o + 1] = g; image.data[o + 2] = b; image.data[o + 3] = 255;
        }
    }
}
