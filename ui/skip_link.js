// The first Tab stop of every page: "Skip to the lesson's controls", shown when focused.
// Without it the page's main control comes after the toolbar and every navigation link
// (the 13th Tab stop). Enter moves the focus to the lesson's first slider (the lessons
// are driven by sliders), else its first control, else its first link.
(() => {
  if (document.getElementById("bp-skip")) return;
  const SLIDERS = '[data-testid="stSlider"] input, [data-testid="stSlider"] [role="slider"]';
  const CONTROLS = '[role="slider"], input:not([type="hidden"]), textarea, select, button';
  const LINKS = "a[href]";  // the home page has links to the lessons, no controls
  const link = document.createElement("a");
  link.id = "bp-skip";
  link.href = "#";
  link.textContent = "Skip to the lesson's controls";
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    if (!main) return;
    // Not the Present toggle, a heading's anchor, a label's help button, or inside a
    // closed expander (inert).
    const usable = (element) => !element.closest(
      '.st-key-present_bar, h1, h2, h3, h4, [data-testid="stWidgetLabel"], [inert]') &&
      !element.disabled && element.getClientRects().length > 0;
    const target = [...main.querySelectorAll(SLIDERS)].find(usable) ||
      [...main.querySelectorAll(CONTROLS)].find(usable) ||
      [...main.querySelectorAll(LINKS)].find(usable);
    if (target) {
      target.focus();
    } else {  // a page without controls: its title, so that Tab goes on from there
      const title = main.querySelector("h1");
      if (title) { title.setAttribute("tabindex", "-1"); title.focus(); }
    }
  });
  document.body.prepend(link);
})();
