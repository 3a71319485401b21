from todo import add_task, complete_task, delete_task


def test_add():
    tasks = []
    add_task(tasks, "Buy milk")
    assert len(tasks) == 1
    assert tasks[0]["title"] == "Buy milk"


def test_complete():
    tasks = []
    add_task(tasks, "Walk the dog")
    complete_task(tasks, 1)
    assert tasks[0]["done"] == True


def test_delete():
    tasks = []
    add_task(tasks, "Read a book")
    delete_task(tasks, 1)
    assert tasks == []


if __name__ == "__main__":
    test_add()
    test_complete()
    test_delete()
    print("All tests passed!")
