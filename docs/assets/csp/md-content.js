/* Material for MkDocs' inline content scripts (partials/javascripts/content.html, MIT, with
   content.tabs.link on), unchanged, as a file for the Content-Security-Policy: re-select the
   reader's linked tabs, and open the tab a #fragment names. */
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
