// The widget's stylesheet, applied inside its shadow root. The host page's selectors cannot reach in, and
// `:host { all: initial !important }` stops the page's inherited properties (font, colour, direction…)
// at the door: an !important declaration of a shadow tree wins over any declaration of the page. Sizes are
// in px, not rem, so the page's root font size cannot scale the widget either. The launcher and panel
// sides are physical (data-side="left|right"), chosen by the script from data-position and the
// direction: logical insets of a fixed element follow the page's direction, not the widget's.

export const WIDGET_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;overflow:visible!important;z-index:2147483000!important;visibility:visible!important;opacity:1!important;pointer-events:auto!important}
.root{font:400 15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Hebrew","Noto Sans Arabic",Tahoma,Arial,sans-serif;color:#1f2328;text-align:start;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;font-style:normal;-webkit-font-smoothing:antialiased;-webkit-text-size-adjust:100%}
*,::before,::after{box-sizing:border-box}
[hidden]{display:none!important}
button{font:inherit;color:inherit;background:none;border:0;margin:0;padding:0;cursor:pointer;line-height:1}
svg{display:block;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
:focus-visible{outline:3px solid var(--p-link);outline-offset:2px}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;background:var(--p-accent);color:var(--p-on-accent);display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px rgba(0,0,0,.28)}
.launcher:focus-visible{box-shadow:0 0 0 3px #fff,0 4px 14px rgba(0,0,0,.28)}
.launcher svg{width:26px;height:26px}
.panel{position:fixed;bottom:88px;right:20px;width:380px;height:640px;max-height:calc(100vh - 108px);display:flex;flex-direction:column;background:#fff;border:1px solid #d0d7de;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.22);overflow:hidden}
[data-side=left] .launcher,[data-side=left] .panel{right:auto;left:20px}
.header{flex:none;display:flex;align-items:center;gap:8px;padding-block:10px;padding-inline:16px 8px;background:var(--p-accent);color:var(--p-on-accent)}
.header :focus-visible{outline-color:currentColor;outline-offset:-3px}
.title{flex:1;min-width:0;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.close{flex:none;width:36px;height:36px;border-radius:8px;display:flex;align-items:center;justify-content:center}
.close:hover{background:rgba(127,127,127,.25)}
.close svg{width:20px;height:20px}
.log{flex:1;min-height:0;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:12px;background:#f6f8fa}
.log:focus-visible{outline-offset:-3px}
.msg{max-width:88%;padding:10px 12px;border-radius:12px;overflow-wrap:anywhere}
.msg.user{align-self:flex-end;background:var(--p-accent);color:var(--p-on-accent);white-space:pre-wrap}
.msg.assistant{align-self:flex-start;background:#fff;border:1px solid #d0d7de}
.content>:first-child{margin-top:0}
.content>:last-child{margin-bottom:0}
.content p,.content ul,.content ol,.content pre,.content blockquote,.content hr{margin:0 0 8px}
.content h3,.content h4,.content h5,.content h6{margin:10px 0 4px;font-size:15px;font-weight:600}
.content ul,.content ol{padding-inline-start:22px}
.content li{margin:2px 0}
.content code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;background:#eef1f4;padding:1px 4px;border-radius:4px}
.content pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:8px;padding:8px 10px;overflow-x:auto;white-space:pre;text-align:left}
.content pre code{background:none;padding:0}
.content blockquote{padding-inline-start:10px;border-inline-start:3px solid #afb8c1;color:#3d444d}
.content hr{border:0;border-top:1px solid #d0d7de}
a{color:var(--p-link);text-decoration:underline}
.cite{display:inline-block;min-width:22px;padding:3px 5px;margin:0 2px;border-radius:10px;background:#e3e8ef;color:#1f2328;font-size:12px;font-weight:600;text-align:center;vertical-align:baseline}
.cite:hover{background:#d0d7de}
.sources{margin:10px 0 0;padding:8px 0 0;border-top:1px solid #d0d7de;font-size:13px;color:#3d444d}
.sources h3{margin:0 0 4px;font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.02em}
.sources ol{margin:0;padding:0;list-style:none}
.sources li{margin:2px 0;padding:2px 4px;border-radius:4px}
.sources li:focus{outline:2px solid var(--p-link);outline-offset:0}
.sources li.flash{background:#fff3bf}
.note{margin-top:6px;font-size:13px;color:#57606a}
.note.error{color:#b42318}
.typing{display:inline-flex;gap:4px;padding:4px 0}
.typing i{width:6px;height:6px;border-radius:50%;background:#8c959f}
@media (prefers-reduced-motion:no-preference){.typing i{animation:blink 1.2s infinite}.typing i:nth-child(2){animation-delay:.2s}.typing i:nth-child(3){animation-delay:.4s}}
@keyframes blink{50%{opacity:.3}}
.notice{margin:8px 12px 0;padding:8px 10px;border-radius:8px;background:#fdecea;color:#8a1c1c;font-size:14px}
.composer{flex:none;display:flex;align-items:flex-end;gap:8px;padding:10px 12px;border-top:1px solid #d0d7de;background:#fff}
textarea{flex:1;min-width:0;height:40px;max-height:140px;margin:0;padding:8px 10px;resize:none;font:inherit;line-height:1.4;color:#1f2328;background:#fff;border:1px solid #8c959f;border-radius:10px}
textarea::placeholder{color:#6e7781}
textarea:focus-visible{outline-offset:0}
textarea:disabled{background:#f6f8fa}
.send,.stop{flex:none;height:40px;border-radius:10px;display:flex;align-items:center;justify-content:center}
.send{width:40px;background:var(--p-accent);color:var(--p-on-accent)}
.send:disabled{opacity:.45;cursor:default}
.send svg{width:20px;height:20px}
[dir=rtl] .send svg{transform:scaleX(-1)}
.stop{padding:0 12px;gap:6px;border:1px solid #8c959f;background:#fff;color:#1f2328;font-size:14px}
.stop svg{width:14px;height:14px;fill:currentColor;stroke:none}
.brand{flex:none;padding:0 12px 8px;background:#fff;font-size:12px;color:#57606a;text-align:center}
@media (max-width:479.98px){.panel,[data-side=left] .panel{top:0;right:0;bottom:0;left:0;width:auto;height:auto;max-height:none;border:0;border-radius:0}.open .launcher{display:none}}
`;
