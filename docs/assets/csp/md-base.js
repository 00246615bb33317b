/* Material for MkDocs' inline head script (partials/javascripts/base.html, MIT), moved to a file so
   the Content-Security-Policy in overrides/main.html needs no 'unsafe-inline'. Material writes the
   page's relative base URL into its inline copy; this file lives at <site>/assets/csp/, so the
   site root is two levels up from its own URL. Zensical's copy of this partial also marks the
   platform (for its keyboard hints); that is kept here, and Material ignores it. */
__md_scope=new URL("../../",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}},document.documentElement.setAttribute("data-platform",navigator.platform)
