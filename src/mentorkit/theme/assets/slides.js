/* Start a mentorkit deck (reveal.js, vendored beside the site's assets; no request leaves the site).
   No animation and no auto-advance: transitions are off, a slide changes only when the presenter
   moves on. Keyboard: arrows, space and Page Up/Down move, Home/End jump, S opens the speaker view
   with the notes, Esc the overview. Below 700 px wide (a phone) the deck is a page to scroll. */
(function () {
  "use strict";
  var deck = new Reveal({
    plugins: [RevealNotes],
    hash: true,
    history: false,
    width: 1280,
    height: 720,
    margin: 0.04,
    center: false,
    controls: true,
    controlsTutorial: false,
    progress: true,
    slideNumber: "c/t",
    transition: "none",
    backgroundTransition: "none",
    autoSlide: 0,
    autoAnimate: false,
    fragments: false,
    keyboard: true,
    touch: true,
    scrollActivationWidth: 700
  });
  deck.initialize().then(function () {
    // reveal.js marks the deck role="application", which stops screen readers' browse mode: the
    // slides are a document to read.
    deck.getRevealElement().removeAttribute("role");
  });
})();
