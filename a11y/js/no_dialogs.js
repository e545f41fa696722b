// Dialogs would block every driver call; a page is checked as if each was dismissed.
window.alert = () => undefined;
window.confirm = () => false;
window.prompt = () => null;
window.print = () => undefined;
