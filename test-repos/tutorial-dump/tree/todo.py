"""A simple command line to-do list.

Tasks are saved in a JSON file next to the script so they are still there
the next time you run it.
"""

import argparse
import json
import os
from datetime import datetime

from tabulate import tabulate

TASKS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tasks.json")


def load_tasks(path=TASKS_FILE):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def save_tasks(tasks, path=TASKS_FILE):
    with open(path, "w") as f:
        json.dump(tasks, f, indent=2)


def add_task(tasks, title, priority="medium"):
    if priority not in ("low", "medium", "high"):
        raise ValueError("priority must be low, medium or high")
    next_id = max((t["id"] for t in tasks), default=0) + 1
    task = {
        "id": next_id,
        "title": title,
        "priority": priority,
        "done": False,
        "created": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }
    tasks.append(task)
    return task


def complete_task(tasks, task_id):
    for task in tasks:
        if task["id"] == task_id:
            task["done"] = True
            return task
    raise KeyError(f"no task with id {task_id}")


def delete_task(tasks, task_id):
    for i, task in enumerate(tasks):
        if task["id"] == task_id:
            return tasks.pop(i)
    raise KeyError(f"no task with id {task_id}")


def format_tasks(tasks, show_done=True):
    rows = []
    for t in tasks:
        if t["done"] and not show_done:
            continue
        status = "x" if t["done"] else " "
        rows.append([t["id"], f"[{status}]", t["title"], t["priority"], t["created"]])
    if not rows:
        return "No tasks yet! Add one with: python todo.py add \"Buy milk\""
    return tabulate(rows, headers=["ID", "Done", "Task", "Priority", "Created"])


def main():
    parser = argparse.ArgumentParser(description="A simple to-do list")
    sub = parser.add_subparsers(dest="command")

    add = sub.add_parser("add", help="add a task")
    add.add_argument("title")
    add.add_argument("-p", "--priority", default="medium")

    sub.add_parser("list", help="list tasks").add_argument("--pending", action="store_true")
    sub.add_parser("done", help="mark a task as done").add_argument("id", type=int)
    sub.add_parser("delete", help="delete a task").add_argument("id", type=int)

    args = parser.parse_args()
    tasks = load_tasks()

    if args.command == "add":
        task = add_task(tasks, args.title, args.priority)
        print(f"Added task {task['id']}: {task['title']}")
    elif args.command == "done":
        task = complete_task(tasks, args.id)
        print(f"Completed: {task['title']}")
    elif args.command == "delete":
        task = delete_task(tasks, args.id)
        print(f"Deleted: {task['title']}")
    else:
        print(format_tasks(tasks, show_done=not getattr(args, "pending", False)))

    save_tasks(tasks)


if __name__ == "__main__":
    main()
