#!/bin/bash
# Copies the bot to the server and restarts it.
scp -i deploy/id_rsa -r app requirements.txt .env ubuntu@203.0.113.10:/home/ubuntu/bot
ssh -i deploy/id_rsa ubuntu@203.0.113.10 "cd bot && pip install -r requirements.txt && sudo systemctl restart newsbot"
