"""The runner's contract (overrides/assets/javascripts/runner/contract.js) against its Python side and
its users: lmdocs.page's operations, the messages the modules send, and the cell's state machine.

The JavaScript is run by node (the modules are plain ES modules that touch no DOM when imported).
"""
from __future__ import annotations

import re

import pytest

from lmdocs import page
from support.runner_js import RUNNER, node


@pytest.fixture(scope="module")
def contract() -> dict:
    return node("""
        const c = await import("./contract.js");
        const { ELEMENTS } = await import("./bridge/view.js");
        console.log(JSON.stringify({ ...c, elements: Object.keys(ELEMENTS) }));""")


def test_the_page_operations_are_the_same_on_both_sides(contract):
    assert contract["PAGE_OPERATIONS"] == list(page.OPERATIONS)


def test_the_page_draws_every_operation(contract):
    """Every operation but "append" (points added to a line chart) makes an element."""
    assert sorted(contract["elements"] + ["append"]) == sorted(page.OPERATIONS)


def test_the_modules_name_messages_and_states_through_the_contract():
    """No message type nor cell state is spelled as a string outside contract.js."""
    spelled = re.compile(r"""(?:type|state|stage|reason)\s*(?:===|!==|:)\s*["'][a-z_]+["']""")
    worker_option = 'type: "module"'                 # new Worker(url, {type: "module"}): not a message
    found = {path.name: [hit for hit in spelled.findall(path.read_text(encoding="utf-8")) if hit != worker_option]
             for path in sorted(RUNNER.glob("*.js")) if path.name != "contract.js"}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_messages_the_worker_handles_are_the_contracts(contract):
    worker = (RUNNER / "worker.js").read_text(encoding="utf-8")
    handled = set(re.findall(r"data\.type === TO_WORKER\.(\w+)", worker))
    assert handled == set(contract["TO_WORKER"])
    client = (RUNNER / "worker-client.js").read_text(encoding="utf-8")
    assert set(re.findall(r"data\.type === FROM_WORKER\.(\w+)", client)) == set(contract["FROM_WORKER"])


TRANSITIONS = """
const { CELL, STATES, checkTransition } = await import("./contract.js");
const states = Object.values(CELL);
const moves = {};
for (const from of states) for (const to of states) {
  try { checkTransition(from, to); moves[`${from}>${to}`] = true; } catch (err) { moves[`${from}>${to}`] = err.message; }
}
let unknown = null;
try { checkTransition("idle", "finished"); } catch (err) { unknown = err.message; }
console.log(JSON.stringify({ states, table: STATES, moves, unknown }));
"""


def test_the_cell_state_machine_allows_its_table_and_nothing_else():
    result = node(TRANSITIONS)
    assert result["states"] == ["idle", "queued", "running", "ok", "error"]
    allowed = {f"{a}>{b}" for a, targets in result["table"].items() for b in targets}
    assert {move for move, ok in result["moves"].items() if ok is True} == allowed
    assert result["moves"]["ok>ok"] == 'lmdocs runner: a cell cannot go from "ok" to "ok".'
    assert result["moves"]["running>queued"] is not True and result["moves"]["idle>ok"] is not True
    assert "cannot go" in result["unknown"]
    every_state_is_left = all(result["table"][s] for s in result["states"])
    every_state_is_reached = {b for targets in result["table"].values() for b in targets} == set(result["states"])
    assert every_state_is_left and every_state_is_reached
