# Live training curve: fit y = 2x + 1 with gradient descent and draw the loss after every step.
# Move the slider to train again with another learning rate.
import random

from lmdocs import page
from lmdocs.i18n import tr

# Everything lives inside one function: the blocks of a page share one namespace, and the other
# blocks on this page must not change this demo's names (`data`, `train`), nor it theirs.


def livecode_training_demo() -> None:
    random.seed(0)
    data = [(x / 10, 2 * (x / 10) + 1 + random.gauss(0, 0.1)) for x in range(20)]

    def train(learning_rate: float, steps: int = 60) -> None:
        chart = page.line_chart("loss", title=tr("training loss", "خطای آموزش"), x_label=tr("step", "گام"),
                                y_label="MSE")
        w, b = 0.0, 0.0
        for step in range(steps):
            # loss = mean((w x + b - y)^2); d/dw = mean(2 (w x + b - y) x), d/db = mean(2 (w x + b - y))
            errors = [(w * x + b - y, x) for x, y in data]
            loss = sum(e * e for e, _ in errors) / len(data)
            w -= learning_rate * sum(2 * e * x for e, x in errors) / len(data)
            b -= learning_rate * sum(2 * e for e, _ in errors) / len(data)
            chart.append("MSE", loss)
            if step % 20 == 0:
                print(tr("step {step:2d}  loss {loss:.4f}", "گام {step:2d}  خطا {loss:.4f}", step=step, loss=loss))
        print(tr("w = {w:.2f}, b = {b:.2f}", "w = {w:.2f}، b = {b:.2f}", w=w, b=b))

    page.slider("lr", tr("learning rate", "نرخ یادگیری"), 0.05, 0.5, 0.05, 0.3, on_change=train)
    train(0.3)


livecode_training_demo()
