/* Chợ HTX: the little the customer pages need from a script, without jQuery or Bootstrap (issue 9, "Light pages").
   Every page works without it: the menu is then simply shown. One delegated click handler does:
   - [data-toggle=collapse]: the phone menu button shows / hides its data-target;
   - [data-toggle=dropdown]: Oscar's account pages' dropdowns (the .dropdown-menu beside the button);
   - [data-dismiss=alert]: an alert's close button;
   - a[data-behaviours]: Oscar's basket (remove, save for later, move to basket) and notifications (archive, delete),
     which tick the line's hidden field and submit its form;
   - Oscar's voucher link (shows the voucher form) and wish list "copy link". */
(function () {
  "use strict";
  var FIELDS = {remove: "DELETE", save: "save_for_later", move: "move_to_basket"};

  function toggle(button, target) {
    var open = !target.classList.contains("show");
    target.classList.toggle("show", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function closeDropdowns(except) {
    document.querySelectorAll(".dropdown-menu.show").forEach(function (menu) {
      if (menu !== except) {
        menu.classList.remove("show");
        var button = menu.parentNode.querySelector("[data-toggle=dropdown]");
        if (button) button.setAttribute("aria-expanded", "false");
      }
    });
  }

  function lineAction(link, behaviour) {
    var form = link.closest("form");
    if (behaviour === "archive" || behaviour === "delete") {
      link.closest("tr").querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = true; });
      form.querySelector('button[value="' + behaviour + '"]').click();
      return;
    }
    var prefix = form.id === "saved_basket_formset" ? "saved" : "form";
    var field = document.getElementById("id_" + prefix + "-" + link.getAttribute("data-id") + "-" + FIELDS[behaviour]);
    if (field) {
      field.checked = true;
      form.submit();
    }
  }

  function showVoucherForm() {
    var container = document.getElementById("voucher_form_container");
    if (!container) return;
    container.style.display = "block";
    document.getElementById("voucher_form_link").style.display = "none";
    var code = document.getElementById("id_code");
    if (code) code.focus();
  }

  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-toggle=collapse], [data-toggle=dropdown], [data-dismiss=alert], a[data-behaviours], #voucher_form_link a, #voucher_form_cancel, .clipboard-item");
    if (!el) {
      closeDropdowns(null);
      return;
    }
    var kind = el.getAttribute("data-toggle");
    if (kind === "collapse") {
      var target = document.querySelector(el.getAttribute("data-target"));
      if (target) toggle(el, target);
    } else if (kind === "dropdown") {
      var menu = el.parentNode.querySelector(".dropdown-menu");
      if (!menu) return;
      closeDropdowns(menu);
      toggle(el, menu);
    } else if (el.hasAttribute("data-dismiss")) {
      el.closest(".alert").remove();
    } else if (el.hasAttribute("data-behaviours")) {
      lineAction(el, el.getAttribute("data-behaviours").split(" ")[0]);
    } else if (el.id === "voucher_form_cancel") {
      document.getElementById("voucher_form_container").style.display = "none";
      document.getElementById("voucher_form_link").style.display = "";
    } else if (el.classList.contains("clipboard-item")) {
      if (navigator.clipboard) navigator.clipboard.writeText(window.location.origin + el.getAttribute("href"));
    } else {
      showVoucherForm();
    }
    event.preventDefault();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeDropdowns(null);
  });

  if (window.location.hash === "#voucher") document.addEventListener("DOMContentLoaded", showVoucherForm);
})();
