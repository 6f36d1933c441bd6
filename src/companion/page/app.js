// The companion page: pairs with the QR code's secret (after '#') or the typed code, then shows
// the car live over a WebSocket (reconnecting with back-off), sends locks and the cabin's
// target temperature, starts or stops preconditioning, and sends the car a destination (a
// place found by a search, or a pasted geo: link), shows what is playing with pause and skip,
// and "continue on phone" (the car pauses and says where). The token is kept in this
// browser's localStorage.
"use strict";

const TEXT = {
  en: {
    title: "OpenCabin", "pair-title": "Pair this phone",
    "pair-help": "On the car's screen, open Settings, Paired phones, and type the 6-digit code shown there.",
    code: "Code", name: "This phone's name", pair: "Pair", charge: "Charge", range: "Range",
    charging: "Charging", cabin: "Cabin", doors: "Doors", target: "Target", yes: "Yes", no: "No",
    locked: "Locked", unlocked: "Unlocked", lock: "Lock", unlock: "Unlock",
    live: "Live", connecting: "Connecting…", unavailable: "The car is not available",
    phone: "Phone", toggle: "中文", precondition: "Precondition", start: "Start", stop: "Stop",
    off: "Off", "minutes-left": "min left",
    "send-title": "Send a destination", find: "Find", send: "Send",
    "search-hint": "Search a place or paste a geo: link", point: "Map point",
    "none-found": "Nothing found", "sent-to": "Sent to the car: ",
    street: "Street", charging_place: "Charging", parking: "Parking", fuel: "Fuel", cafe: "Café",
    restaurant: "Restaurant", "fast-food": "Fast food", hotel: "Hotel", shop: "Shop",
    pharmacy: "Pharmacy", hospital: "Hospital", toilets: "Toilets", sight: "Sight",
    neighbourhood: "Neighbourhood", other: "Place",
    "media-title": "Now playing", previous: "Previous", next: "Next", play: "Play", pause: "Pause",
    continue: "Continue on phone", "no-player": "No media player in the car",
    handoff: "Paused in the car. Play {title} on this phone from {at}.", "open-stream": "Open the stream",
  },
  "zh-CN": {
    title: "OpenCabin", "pair-title": "配对此手机",
    "pair-help": "在车机屏幕上打开 设置 › 已配对手机，输入显示的 6 位数字码。",
    code: "配对码", name: "手机名称", pair: "配对", charge: "电量", range: "续航",
    charging: "充电", cabin: "车内", doors: "车门", target: "目标温度", yes: "是", no: "否",
    locked: "已上锁", unlocked: "未上锁", lock: "上锁", unlock: "解锁",
    live: "实时", connecting: "正在连接…", unavailable: "车辆不可用",
    phone: "手机", toggle: "English", precondition: "预调节", start: "开启", stop: "停止",
    off: "关闭", "minutes-left": "分钟后结束",
    "send-title": "发送目的地", find: "查找", send: "发送",
    "search-hint": "搜索地点或粘贴 geo: 链接", point: "地图位置",
    "none-found": "未找到结果", "sent-to": "已发送到车辆：",
    street: "街道", charging_place: "充电", parking: "停车场", fuel: "加油站", cafe: "咖啡馆",
    restaurant: "餐厅", "fast-food": "快餐", hotel: "酒店", shop: "商店", pharmacy: "药店",
    hospital: "医院", toilets: "卫生间", sight: "景点", neighbourhood: "街区", other: "地点",
    "media-title": "正在播放", previous: "上一首", next: "下一首", play: "播放", pause: "暂停",
    continue: "在手机上继续", "no-player": "车内没有媒体播放器",
    handoff: "车内已暂停。在此手机上从 {at} 继续播放《{title}》。", "open-stream": "打开音频流",
  },
};

let language = localStorage.getItem("language") ||
  (navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en");
let token = localStorage.getItem("token");
let state = null;
let socket = null;
let retry = 500;

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[language][key] || TEXT.en[key] || key;

function translate() {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  $("language").textContent = t("toggle");
  $("name").placeholder = t("phone");
  $("search").placeholder = t("search-hint");
  show();
  showResults();
  showSent();
  showHandoff();
}

function error(message) {
  $("error").hidden = !message;
  $("error").textContent = message || "";
}

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const response = await fetch(path, { method, headers, body: body && JSON.stringify(body) });
  const json = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== "/api/pair") unpaired();
  if (!response.ok) throw new Error(json.message || response.statusText);
  return json;
}

function unpaired() {
  token = null;
  localStorage.removeItem("token");
  if (socket) socket.close();
  $("car").hidden = true;
  $("pairing").hidden = false;
}

async function pair(proof) {
  const name = $("name").value.trim() || t("phone");
  try {
    const paired = await call("POST", "/api/pair", { ...proof, name });
    token = paired.token;
    localStorage.setItem("token", token);
    history.replaceState(null, "", "/");
    error("");
    start();
  } catch (e) {
    error(e.message);
  }
}

function show() {
  if (!state) return;
  const number = (v, digits) => v.toLocaleString(language, { maximumFractionDigits: digits });
  $("status").textContent = state.available ? t("live") : t("unavailable");
  $("charge").textContent = number(state.charge, 0) + " %";
  $("range").textContent = number(state.range_km, 0) + " km";
  $("charging").textContent = state.charging ? t("yes") : t("no");
  $("cabin").textContent = number(state.cabin_temperature, 1) + " °C";
  $("locked").textContent = state.locked ? t("locked") : t("unlocked");
  $("lock").textContent = state.locked ? t("unlock") : t("lock");
  $("target").textContent = number(state.driver_target, 1) + " °C";
  const minutes = Math.ceil(state.preconditioning_time_left_s / 60);
  $("preconditioning").textContent = state.preconditioning
    ? number(minutes, 0) + " " + t("minutes-left") : t("off");
  $("precondition").textContent = state.preconditioning ? t("stop") : t("start");
  showMedia();
}

// What is playing. Between messages the position runs on by the page's own clock (display
// only: the car pushes every change of state, track or position jump).
let mediaAt = 0;
let handoff = null;

const clock = (seconds) => {
  const s = Math.max(0, Math.floor(seconds));
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
};

function position(media) {
  if (!media.playing) return media.position_s;
  const run = media.position_s + ((performance.now() - mediaAt) / 1000) * (media.rate || 1);
  return media.length_s ? Math.min(run, media.length_s) : run;
}

function showMedia() {
  const media = state.media;
  if (!media) return;
  $("track").textContent = media.available ? media.title || "–" : t("no-player");
  $("artist").textContent = media.available ? media.artist : "";
  $("play").textContent = media.playing ? t("pause") : t("play");
  $("play").disabled = !media.available || !(media.playing ? media.can_pause : media.can_play);
  $("previous").disabled = !media.available || !media.can_previous;
  $("next").disabled = !media.available || !media.can_next;
  $("continue").disabled = !media.available;
  showPosition();
}

function showPosition() {
  const media = state && state.media;
  const known = media && media.available;
  const at = known ? position(media) : 0;
  $("elapsed").textContent = known ? clock(at) : "";
  $("length").textContent = known && media.length_s ? clock(media.length_s) : "";
  $("position").value = known && media.length_s ? at / media.length_s : 0;
}

function showHandoff() {
  const note = $("handoff");
  note.hidden = !handoff;
  if (!handoff) return;
  const title = handoff.title + (handoff.artist ? " · " + handoff.artist : "");
  // One pass, by a function: a title's own "{at}" or "$&" stays as it is.
  const words = { title, at: clock(handoff.position_s) };
  note.replaceChildren(t("handoff").replace(/\{(title|at)\}/g, (_, key) => words[key]));
  if (/^https?:\/\//i.test(handoff.url)) {
    const link = document.createElement("a");
    link.href = handoff.url + "#t=" + Math.floor(handoff.position_s);
    link.rel = "noreferrer";
    link.textContent = " " + t("open-stream");
    note.append(link);
  }
}

async function continueOnPhone() {
  try {
    handoff = await call("POST", "/api/media/continue");
    error("");
  } catch (e) {
    handoff = null;
    error(e.message);
  }
  showHandoff();
}

function connect() {
  $("status").textContent = t("connecting");
  socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/live");
  socket.onopen = () => socket.send(JSON.stringify({ token }));
  socket.onmessage = (event) => {
    retry = 500;
    state = JSON.parse(event.data);
    mediaAt = performance.now();
    show();
  };
  socket.onclose = (event) => {
    socket = null;
    if (event.code === 4401) return unpaired();
    if (!token) return;
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 15000);
  };
}

async function send(path, body) {
  try {
    await call("POST", path, body);
    error("");
  } catch (e) {
    error(e.message);
  }
}

// The destination box: a search's results, or the pasted geo: link as one result.
let results = [];
let searched = "";
let searching = null;
let sentTo = null; // the name of the destination sent last, until the next search

const isGeo = (text) => /^geo:/i.test(text);
const category = (c) => t(c === "charging" ? "charging_place" : c);

function distance(metres) {
  if (!metres) return "";
  const km = metres / 1000;
  return " · " + (metres < 1000 ? Math.round(metres / 10) * 10 + " m" : km.toFixed(1) + " km");
}

function showResults() {
  const list = $("results");
  list.replaceChildren();
  if (searched && results.length === 0) {
    const none = document.createElement("li");
    none.className = "none";
    none.textContent = t("none-found");
    list.append(none);
  }
  for (const result of results) {
    const row = document.createElement("li");
    const text = document.createElement("div");
    const name = document.createElement("strong");
    const detail = document.createElement("small");
    const button = document.createElement("button");
    name.textContent = result.geo ? t("point") : result.name;
    detail.textContent = result.geo ? result.geo : category(result.category) + distance(result.distance);
    button.type = "button";
    button.textContent = t("send");
    button.onclick = () => sendDestination(result);
    text.append(name, detail);
    row.append(text, button);
    list.append(row);
  }
}

async function search() {
  const query = $("search").value.trim();
  sentTo = null;
  showSent();
  if (isGeo(query)) {
    searched = query;
    results = [{ geo: query }];
    return showResults();
  }
  try {
    const found = query ? await call("GET", "/api/places?q=" + encodeURIComponent(query)) : { places: [] };
    if ($("search").value.trim() !== query) return; // typed on meanwhile
    searched = query;
    results = found.places;
    error("");
  } catch (e) {
    error(e.message);
  }
  showResults();
}

function showSent() {
  $("sent").hidden = !sentTo;
  $("sent").textContent = sentTo ? t("sent-to") + sentTo : "";
}

async function sendDestination(result) {
  try {
    const sent = await call("POST", "/api/destination", result.geo ? { geo: result.geo } : { place: result.id });
    error("");
    sentTo = sent.destination.name;
    showSent();
  } catch (e) {
    error(e.message);
  }
}

function start() {
  $("pairing").hidden = true;
  $("car").hidden = false;
  connect();
}

$("language").onclick = () => {
  language = language === "en" ? "zh-CN" : "en";
  localStorage.setItem("language", language);
  translate();
};
const secret = location.hash.slice(1);
$("pair-form").onsubmit = (event) => {
  event.preventDefault();
  pair(secret ? { secret } : { code: $("code").value.trim() });
};
$("lock").onclick = () => state && send("/api/lock", { locked: !state.locked });
$("cooler").onclick = () => state && send("/api/climate", { target: state.driver_target - 0.5 });
$("warmer").onclick = () => state && send("/api/climate", { target: state.driver_target + 0.5 });
$("precondition").onclick = () =>
  state && send("/api/climate", { preconditioning: !state.preconditioning });
$("play").onclick = () =>
  state && state.media && send("/api/media", { action: state.media.playing ? "pause" : "play" });
$("previous").onclick = () => send("/api/media", { action: "previous" });
$("next").onclick = () => send("/api/media", { action: "next" });
$("continue").onclick = continueOnPhone;
setInterval(() => state && state.media && state.media.playing && showPosition(), 1000);
$("search-form").onsubmit = (event) => {
  event.preventDefault();
  clearTimeout(searching);
  search();
};
// Results follow the typing, a quarter second after the last key.
$("search").oninput = () => {
  clearTimeout(searching);
  searching = setTimeout(search, 250);
};

translate();
if (token) start();
else {
  // From the QR code: the secret is in the URL, only a name is asked for.
  $("code").parentElement.hidden = Boolean(secret);
  $("pairing").hidden = false;
}
