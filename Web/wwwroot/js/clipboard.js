// Puts text on the clipboard; false when the browser refuses (no permission, or not a secure context).
export async function copy(text) {
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
