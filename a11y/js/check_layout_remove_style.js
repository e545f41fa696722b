// Removes the style sheet check_layout_add_style.js added.
const s = document.getElementById('idesk-spacing'); if (s) s.remove();
