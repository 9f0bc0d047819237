// The only script of the console: the copy button beside a newly issued key.
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-copy]');
  if (!button) { return; }
  var text = document.getElementById(button.getAttribute('data-copy')).textContent;
  navigator.clipboard.writeText(text).then(function () { button.textContent = 'Copied'; },
    function () { button.textContent = 'Select and copy by hand'; });
});
