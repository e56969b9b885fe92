/* Start a mentorkit deck (reveal.js, vendored beside the site's assets; no request leaves the site).
   No animation and no auto-advance: transitions are off, a slide changes only when the presenter
   moves on. Keyboard: arrows, space and Page Up/Down move, Home/End jump, S opens the speaker view
   with the notes, Esc the overview. On a narrow screen (a phone) the deck is a page to read: the
   slides one after another at a size to read, not a projector's slide shrunk to the screen. */
(function () {
  "use strict";
  var deck = document.querySelector("main.reveal");
  // The speaker view shows the deck in small frames (?receiver): those stay slides.
  var reading = window.matchMedia("(max-width: 700px)").matches && !/receiver/i.test(window.location.search);
  if (reading) {
    deck.classList.replace("reveal", "mk-reading");
    document.documentElement.classList.add("mk-reading-view");
    return;
  }
  Reveal.initialize({
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
    scrollActivationWidth: null
  }).then(function () {
    // reveal.js marks the deck role="application", which stops screen readers' browse mode: the
    // slides are a document to read.
    deck.removeAttribute("role");
  });
})();
