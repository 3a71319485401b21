# Homework 7, copied from last year's course notes
name = raw_input("Your name: ")
print "Hello, " + name
