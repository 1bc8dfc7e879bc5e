// Plotly.react and Plotly.newPlot return promises, and Plotly.Blazor calls them without waiting: two quick updates
// of one chart could finish out of order, leaving it drawn with the older data (a live chart a round or two short of
// the run, issue 11, defect 1). When plotly.js arrives on window, each chart's calls are chained instead, so they run
// one after another in the order they were made and the newest data is drawn last.
const chains = new Map();

function ordered(plotly) {
    if (!plotly || plotly.llOrdered) return plotly;
    for (const name of ['newPlot', 'react']) {
        const original = plotly[name].bind(plotly);
        plotly[name] = (gd, ...args) => {
            const key = typeof gd === 'string' ? gd : gd?.id;
            const next = (chains.get(key) ?? Promise.resolve()).catch(() => { }).then(() => original(gd, ...args));
            chains.set(key, next);
            return next;
        };
    }
    plotly.llOrdered = true;
    return plotly;
}

if (window.Plotly) {
    ordered(window.Plotly);
} else {
    let value;
    Object.defineProperty(window, 'Plotly', {
        configurable: true,
        get: () => value,
        set: v => { value = ordered(v); },
    });
}
