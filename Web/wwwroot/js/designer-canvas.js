// Draws one sample (row-major floats) on a canvas, one canvas pixel per input pixel; CSS scales it up crisply.
// "diverging": blue (negative) - white - red (positive), symmetric about 0; "grey": black (min) to white (max).
export function drawSample(canvas, height, width, values, colormap) {
    if (!canvas) {
        return;
    }
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    const image = context.createImageData(width, height);
    let min = Infinity, max = -Infinity;
    for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
    }
    const half = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const span = (max - min) || 1;
    for (let i = 0; i < values.length; i++) {
        let r, g, b;
        if (colormap === "grey") {
            r = g = b = Math.round(255 * (values[i] - min) / span);
        } else {
            const t = Math.max(-1, Math.min(1, values[i] / half));
            if (t >= 0) {
                r = 255; g = b = Math.round(255 * (1 - t));
            } else {
                b = 255; r = g = Math.round(255 * (1 + t));
            }
        }
        image.data[4 * i] = r;
        image.data[4 * i + 1] = g;
        image.data[4 * i + 2] = b;
        image.data[4 * i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
}
