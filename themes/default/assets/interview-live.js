/* 在线访谈的文字直播：用 EventSource 接收新内容并追加到页面，不刷新页面。ES5，供旧浏览器使用。
   断线后浏览器自动重连并带上 Last-Event-ID，服务器从数据库补发遗漏的内容。
   没有脚本或不支持 EventSource 时，页面本身已包含全部内容，刷新即可看到最新内容。 */
(function () {
  'use strict';
  var list = document.getElementById('live-record');
  if (!list || !window.EventSource || !window.JSON) return;
  var id = list.getAttribute('data-interview');
  var after = list.getAttribute('data-last') || '0';
  var LABELS = { scheduled: '预告', live: '直播中', archived: '往期' };

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.appendChild(document.createTextNode(text));
    return n;
  }

  function add(e) {
    if (document.getElementById('entry-' + e.id)) return;
    var li = el('li', 'live-entry kind-' + e.kind);
    li.id = 'entry-' + e.id;
    li.appendChild(el('span', 'live-time', e.time));
    if (e.kind === 'question')
      li.appendChild(el('span', 'live-who', '网友' + (e.speaker ? '“' + e.speaker + '”' : '') + '提问：'));
    else if (e.kind === 'answer') {
      li.appendChild(el('span', 'live-who', '答复：'));
      if (e.quote) li.appendChild(el('q', 'live-quote', e.quote));
    } else if (e.speaker) li.appendChild(el('span', 'live-who', e.speaker + '：'));
    if (e.photoUrl) {
      var img = el('img', 'live-photo');
      img.src = e.photoUrl;
      img.alt = e.body || '访谈现场图片';
      li.appendChild(img);
    }
    li.appendChild(el('span', 'live-text', e.body));
    list.appendChild(li);
    var empty = document.getElementById('live-empty');
    if (empty) empty.parentNode.removeChild(empty);
  }

  var source = new EventSource('/interviews/' + id + '/live?after=' + encodeURIComponent(after));
  source.addEventListener('entry', function (ev) {
    add(JSON.parse(ev.data));
  });
  source.addEventListener('status', function (ev) {
    var s = JSON.parse(ev.data).status;
    var label = document.getElementById('interview-status');
    if (label && LABELS[s]) {
      label.textContent = LABELS[s];
      label.className = 'state state-' + s;
    }
    list.setAttribute('data-status', s);
    if (s === 'archived') source.close();
  });
})();
