"use strict";

const byId = (id) => document.getElementById(id);
const HEALTH_POLL_MS = 5000;

async function callApi(method, path, body) {
  const init = { method, headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = text;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: show the text as it came.
  }
  return { status: response.status, data };
}

async function showAnswer(method, path, body) {
  byId("answer-status").textContent = `${method} ${path} …`;
  try {
    const { status, data } = await callApi(method, path, body);
    byId("answer-status").textContent = `${method} ${path} → ${status}`;
    byId("answer").textContent = typeof data === "string" ? data : JSON.stringify(data, null, 2);
  } catch (error) {
    byId("answer-status").textContent = `${method} ${path} failed: ${error.message}`;
  }
}

async function loadVersion() {
  const { data } = await callApi("GET", "/api/version");
  for (const key of ["environment", "version", "commit", "platform", "node"]) {
    byId(key).textContent = data[key];
  }
}

async function pollHealth() {
  const badge = byId("health");
  try {
    const { status, data } = await callApi("GET", "/health");
    badge.dataset.state = status === 200 ? "ok" : "down";
    badge.textContent = `health: ${data.status}`;
    byId("uptime").textContent = `${Math.round(data.uptime)} s`;
  } catch {
    badge.dataset.state = "down";
    badge.textContent = "health: unreachable";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  byId("create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void showAnswer("POST", "/api/v1/items", { name: byId("item-name").value });
  });
  byId("list-items").addEventListener("click", () => void showAnswer("GET", "/api/v1/items"));
  byId("get-version").addEventListener("click", () => void showAnswer("GET", "/api/version"));
  byId("get-ready").addEventListener("click", () => void showAnswer("GET", "/ready"));
  void loadVersion();
  void pollHealth();
  setInterval(pollHealth, HEALTH_POLL_MS);
});
