name = input("What is your name? ")
print("Hello, " + name + "!")
print("Your name has", len(name), "letters")
