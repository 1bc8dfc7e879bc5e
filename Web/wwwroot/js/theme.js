// Remembers the member's light or dark choice for a year, in a cookie the server reads when it renders a page.
export function remember(dark) {
    document.cookie = `LocalityLab.Theme=${dark ? "dark" : "light"}; path=/; max-age=31536000; SameSite=Lax`;
}
